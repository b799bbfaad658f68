/**
 * `items.map(fn)` awaited, with at most `limit` calls in flight; results in the order of
 * `items`. Rejects with the first failure once every started call has settled, so no request
 * is left running behind the caller's back.
 */
export async function boundedMap<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await fn(items[index]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Array.from({ length: Math.min(limit, items.length) }, worker);
  await Promise.all(workers);
  if (failure) throw failure.error;
  return results;
}
