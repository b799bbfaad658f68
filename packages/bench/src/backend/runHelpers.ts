import { createServer } from 'node:net';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise(r => server.close(r));
  return port;
}

/** Runs `fn` over `items`, at most `concurrency` at a time. */
export async function eachLimited<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Whole seconds since `start` (a `Date.now()`), for the bench's reports: "12 s". */
export const since = (start: number) =>
  `${((Date.now() - start) / 1000).toFixed(0)} s`;
