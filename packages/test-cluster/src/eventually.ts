/**
 * Polls `probe` until `accept` says yes, for tests that wait on something moving on its own
 * time: a cluster, a control plane, a just-started catalog. A probe that throws counts as "not
 * yet". Fails with what it waited for, the last value seen and the last error; no timing is
 * asserted, the deadline only bounds a hung test, so give one generous enough for a machine
 * whose every core is busy with the rest of the run.
 *
 * @public
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      lastError = undefined;
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
  const error = lastError
    ? `; last error: ${(lastError as Error).message ?? String(lastError)}`
    : '';
  throw new Error(
    `timed out after ${
      timeoutMs / 1000
    } s waiting for ${what}; last seen ${JSON.stringify(last)}${error}`,
  );
}
