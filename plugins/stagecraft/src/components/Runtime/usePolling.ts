import { useCallback, useEffect, useRef, useState } from 'react';

/** The latest result of a polled load. */
export interface Polled<T> {
  /** The last value that loaded; kept when a later poll fails, so the page does not blank out. */
  value?: T;
  /** The error of the last poll, cleared by the next success. */
  error?: Error;
  /** True until the first poll settles (and again after `load` changes). */
  loading: boolean;
  /** Polls now, e.g. from a refresh button. */
  refresh(): void;
}

const toError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * Calls `load` now and every `intervalMs` while the browser tab is visible, and again as soon as
 * it becomes visible. Starts over when `load` changes, so memoize it on what it reads. A poll is
 * skipped while the previous one is still running, so a slow backend is not piled on.
 */
export function usePolling<T>(
  load: () => Promise<T>,
  intervalMs: number,
): Polled<T> {
  const [state, setState] = useState<Omit<Polled<T>, 'refresh'>>({
    loading: true,
  });
  const pollNow = useRef<() => void>(() => {});

  useEffect(() => {
    let active = true;
    let inFlight = false;
    setState({ loading: true });

    const poll = async () => {
      if (inFlight) return;
      inFlight = true;
      try {
        const value = await load();
        if (active) setState({ value, loading: false });
      } catch (e) {
        if (active)
          setState(prev => ({
            value: prev.value,
            error: toError(e),
            loading: false,
          }));
      } finally {
        inFlight = false;
      }
    };
    const pollIfVisible = () => {
      if (document.visibilityState !== 'hidden') poll();
    };

    pollNow.current = poll;
    poll();
    const timer = setInterval(pollIfVisible, intervalMs);
    document.addEventListener('visibilitychange', pollIfVisible);
    return () => {
      active = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', pollIfVisible);
    };
  }, [load, intervalMs]);

  const refresh = useCallback(() => pollNow.current(), []);
  return { ...state, refresh };
}
