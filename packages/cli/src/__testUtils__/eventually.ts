import { eventually as poll } from '@stagecraft/test-cluster';

/**
 * {@link poll | eventually}, with the CLI's waits: a reconcile seen through the remote API,
 * polled every 250 ms for up to 45 s.
 */
export const eventually = <T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 45_000,
): Promise<T> => poll(read, done, what, timeoutMs, 250);
