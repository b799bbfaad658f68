import { readdirSync, readFileSync } from 'node:fs';

/** CPU time and run-queue wait of a process, summed over its threads (ms). */
export interface SchedulerTimes {
  onCpuMs: number;
  waitingMs: number;
}

/**
 * From Linux's /proc/<pid>/task/<tid>/schedstat (time on a CPU, time runnable but waiting
 * for one, in ns): on a shared machine the wait says how much of a slow answer was the
 * scheduler's, not the backend's. Undefined off Linux or when the process is gone.
 */
export function schedulerTimes(pid: number): SchedulerTimes | undefined {
  try {
    let onCpu = 0;
    let waiting = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const [cpu, wait] = readFileSync(
        `/proc/${pid}/task/${tid}/schedstat`,
        'utf8',
      )
        .trim()
        .split(/\s+/)
        .map(Number);
      onCpu += cpu;
      waiting += wait;
    }
    return { onCpuMs: onCpu / 1e6, waitingMs: waiting / 1e6 };
  } catch {
    return undefined;
  }
}

/** What a process's threads did between two readings, as printed beside a figure. */
export function schedulerSummary(
  before: SchedulerTimes | undefined,
  after: SchedulerTimes | undefined,
  elapsedMs: number,
): string {
  if (!before || !after) return 'run-queue wait unknown (no /proc)';
  const on = after.onCpuMs - before.onCpuMs;
  const waited = after.waitingMs - before.waitingMs;
  return `its threads ran ${(on / 1000).toFixed(1)} s and waited ${(
    waited / 1000
  ).toFixed(1)} s for a CPU in ${(elapsedMs / 1000).toFixed(0)} s`;
}
