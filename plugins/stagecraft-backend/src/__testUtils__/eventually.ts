/**
 * Polls `probe` until `accept` says yes, for tests that wait for a control loop to converge.
 * A probe that throws counts as "not yet". Fails with what it waited for and the last value
 * seen; no timing is asserted, the deadline only bounds a hung test.
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe().catch(() => undefined);
    if (last !== undefined && accept(last)) return last;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error(
    `timed out waiting for ${what}; last seen ${JSON.stringify(last)}`,
  );
}
