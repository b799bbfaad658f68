/*
 * Numbers of the metrics views in words people read: CPU and memory as `kubectl top` prints
 * them (the Runtime tab's formatters), rates per second and durations in ms or s.
 */
import type { MetricUnit } from '@stagecraft/plugin-stagecraft-common';
import { formatCpu, formatMemory } from '../Runtime/formatRuntime';

const compact = (value: number) =>
  Math.abs(value) >= 100
    ? Math.round(value).toString()
    : Number(value.toPrecision(3)).toString();

/** One value in its unit: `250m`, `128 MiB`, `3`, `1.5 req/s`, `0.2 err/s`, `120 ms`. */
export function formatMetricValue(unit: MetricUnit, value: number): string {
  switch (unit) {
    case 'millicores':
      return formatCpu(value);
    case 'bytes':
      return value >= 1024 ** 3
        ? `${(value / 1024 ** 3).toFixed(2)} GiB`
        : formatMemory(value);
    case 'count':
      return compact(value);
    case 'requests-per-second':
      return `${compact(value)} req/s`;
    case 'errors-per-second':
      return `${compact(value)} err/s`;
    case 'seconds':
      return value < 1 ? `${compact(value * 1000)} ms` : `${compact(value)} s`;
    default:
      return compact(value);
  }
}

/** An axis tick: the time of day for ranges within a day (`14:05`). */
export function formatTick(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A tooltip's time, with seconds. */
export function formatPointTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}
