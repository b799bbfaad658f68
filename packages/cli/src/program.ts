import { Command, CommanderError } from 'commander';
import { addRemoteCommands } from './commands/remote';
import { renderCommand } from './commands/render';
import { validateCommand } from './commands/validate';
import { ExitCode, Io } from './ExitCode';
import { remoteRunner } from './remote/RemoteCommand';

const processIo: Io = {
  out: text => process.stdout.write(text),
  err: text => process.stderr.write(text),
};

/**
 * Runs the CLI with `argv` (as `process.argv`: node, script, args...) and resolves to the exit
 * code. Remote commands read STAGECRAFT_URL and STAGECRAFT_TOKEN from `env`.
 *
 * @public
 */
export async function run(
  argv: string[],
  io: Io = processIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let exitCode: number = ExitCode.Ok;
  const program = new Command('stagecraft')
    .description(
      'Validate and render Stagecraft catalog intent for CI and GitOps; inspect and deploy components on a running backend',
    )
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('validate')
    .description(
      'Check catalog-info files (or folders of them); print every problem with file, entity and field',
    )
    .argument('<paths...>', 'YAML files or folders to check')
    .action(async (paths: string[]) => {
      exitCode = await validateCommand(paths, io);
    });

  program
    .command('render')
    .description(
      'Compile catalog intent for one environment; print multi-document YAML (diagnostics on stderr)',
    )
    .requiredOption('--env <environment>', 'Environment entity name, e.g. dev')
    .argument(
      '<paths...>',
      'YAML files or folders holding the catalog (components, endpoints, environments)',
    )
    .action(async (paths: string[], options: { env: string }) => {
      exitCode = await renderCommand(paths, options, io);
    });

  addRemoteCommands({
    program,
    run: remoteRunner(io, env, code => {
      exitCode = code;
    }),
  });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors with a non-zero code.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    throw error;
  }
  return exitCode;
}
