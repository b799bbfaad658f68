import { eventually as poll } from '@stagecraft/test-cluster';

/**
 * {@link poll | eventually}, with the waits of a just-started portal (its catalog, its control
 * plane): these share the machine with the whole unit run, so the deadline is 90 s, polled
 * every 250 ms.
 */
export const eventually = <T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 90_000,
): Promise<T> => poll(probe, accept, what, timeoutMs, 250);
