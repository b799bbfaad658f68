import { delay } from './ProcessSupervisor';

/**
 * Polls `probe` until it returns a value other than `undefined`/`false`, or throws after
 * `timeoutMs` with `what` and the last probe error in the message. `abort` is checked between
 * polls so a crashed component fails the wait at once instead of at the timeout.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  options: {
    timeoutMs: number;
    intervalMs?: number;
    abort?: () => Promise<string | undefined>;
  },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    const aborted = await options.abort?.();
    if (aborted) throw new Error(`${what}: ${aborted}`);
    if (Date.now() > deadline) {
      const detail =
        lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(
        `timed out after ${options.timeoutMs} ms waiting for ${what}${detail}`,
      );
    }
    await delay(options.intervalMs ?? 200);
  }
}
