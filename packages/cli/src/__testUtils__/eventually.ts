/**
 * Polls `read` until `done` holds for its value (the cluster and the reconciler move on their
 * own time), failing with what was awaited and the last value after `timeoutMs`.
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 45_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (done(last)) return last;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`,
      );
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}
