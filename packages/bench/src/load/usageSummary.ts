import type { UsageSample } from './startBackendProcess';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * The backend's memory and CPU over a span of samples: RSS and heap at the start, peak and
 * end, and the CPU it used as a share of one core.
 */
export function usageSummary(samples: UsageSample[]): string {
  if (samples.length < 2) return 'no usage samples (the span was too short)';
  const first = samples[0];
  const last = samples[samples.length - 1];
  const peak = (key: 'rss' | 'heapUsed') =>
    Math.max(...samples.map(s => s[key]));
  const cpu =
    ((last.cpuMicros - first.cpuMicros) / 1000 / (last.at - first.at)) * 100;
  return `RSS ${mib(first.rss)} → peak ${mib(peak('rss'))} → ${mib(
    last.rss,
  )}; heap ${mib(first.heapUsed)} → peak ${mib(peak('heapUsed'))} → ${mib(
    last.heapUsed,
  )}; CPU ${cpu.toFixed(0)}% of one core`;
}

/** The CPU time the backend used over a span of samples, in milliseconds. */
export function cpuMillis(samples: UsageSample[]): number {
  if (samples.length < 2) return 0;
  return (samples[samples.length - 1].cpuMicros - samples[0].cpuMicros) / 1000;
}

export { mib };
