import { setTimeout as sleep } from 'node:timers/promises';

/** How long to wait before re-establishing a list or watch. */
export interface BackoffOptions {
  /** The wait after a watch ends or the first failure. */
  initialMs: number;
  /** The longest wait; also how often a kind whose API is not served is checked again. */
  maxMs: number;
}

/** 1 s doubling to 30 s: quick after a routine watch timeout, gentle during an outage. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 1000,
  maxMs: 30_000,
};

/** The wait after `failures` consecutive failures: initialMs · 2^failures, capped at maxMs. */
export function backoffDelay(
  failures: number,
  options: BackoffOptions,
): number {
  // Cap the exponent so a long outage cannot overflow to Infinity.
  const exponent = Math.min(failures, 30);
  return Math.min(options.maxMs, options.initialMs * 2 ** exponent);
}

/** Resolves after `ms`, or at once when `signal` aborts; leaves no timer behind either way. */
export async function abortableDelay(
  ms: number,
  signal: AbortSignal,
): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch {
    // Aborted: the caller is stopping and checks its signal.
  }
}
