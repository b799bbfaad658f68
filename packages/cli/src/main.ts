import { run } from './program';

run(process.argv).then(
  code => {
    process.exitCode = code;
  },
  error => {
    process.stderr.write(
      `stagecraft: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
