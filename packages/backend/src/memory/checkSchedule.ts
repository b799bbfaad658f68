import type { RootLifecycleService } from '@backstage/backend-plugin-api';

/**
 * Calls `check` every `startupMs` until the backend has started, then every `intervalMs`,
 * until it shuts down. The timers never keep the process alive.
 *
 * Plugins allocate fastest while they start: RSS climbed up to 80 MiB a second then (sampled
 * with 50 components; the catalog is ingested after start-up), which a check every 2 s could
 * let run 160 MiB past the allowance.
 * With one release at start (MemoryRelease.start) the start-up peak at 1,000 components fell
 * from 425-458 to 363 MiB; this schedule's own share of that was not measured apart
 * (docs/benchmarks.md, "Memory of the real backend").
 */
export function scheduleChecks(
  check: () => void,
  lifecycle: Pick<RootLifecycleService, 'addStartupHook' | 'addShutdownHook'>,
  startupMs: number,
  intervalMs: number,
): void {
  const every = (ms: number) => {
    const timer = setInterval(check, ms);
    timer.unref();
    return timer;
  };
  let timer = every(startupMs);
  lifecycle.addStartupHook(() => {
    clearInterval(timer);
    timer = every(intervalMs);
  });
  lifecycle.addShutdownHook(() => clearInterval(timer));
}
