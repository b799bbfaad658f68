import { run } from '../program';

/** Captures what a command prints. */
export function captureIo(interrupt?: AbortSignal) {
  const printed = { stdout: '', stderr: '' };
  return {
    printed,
    io: {
      out: (t: string) => void (printed.stdout += t),
      err: (t: string) => void (printed.stderr += t),
      interrupt,
    },
  };
}

/** Runs the CLI against a backend with STAGECRAFT_URL and STAGECRAFT_TOKEN set; returns what it printed. */
export async function runAgainst(
  url: string,
  args: string[],
  o: { env?: Record<string, string>; interrupt?: AbortSignal } = {},
) {
  const { io, printed } = captureIo(o.interrupt);
  const code = await run(['node', 'stagecraft', ...args], io, {
    STAGECRAFT_URL: url,
    STAGECRAFT_TOKEN: 'env-token',
    ...o.env,
  });
  return { code, ...printed };
}
