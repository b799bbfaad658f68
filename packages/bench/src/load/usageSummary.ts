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

export { mib };
