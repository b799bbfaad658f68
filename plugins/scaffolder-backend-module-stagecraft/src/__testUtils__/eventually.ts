/**
 * Polls `probe` until `accept` says yes, for tests that wait for a just-started portal (its
 * catalog, its control plane) to get somewhere. A probe that throws counts as "not yet". Fails
 * with what it waited for and the last value seen; no timing is asserted, the deadline only
 * bounds a hung test. The default is generous because these waits share the machine with the
 * whole unit run: a wait that ran out silently would fail later, further from the cause.
 * (stagecraft-backend's tests have the same helper; a test utility is not shared across
 * plugins.)
 */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe().catch(() => undefined);
    if (last !== undefined && accept(last)) return last;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `timed out after ${
      timeoutMs / 1000
    } s waiting for ${what}; last seen ${JSON.stringify(last)}`,
  );
}
