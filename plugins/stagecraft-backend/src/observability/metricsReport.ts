import type { MetricResult } from '@stagecraft/plugin-stagecraft-node';
import { METRIC_DEFINITIONS, METRIC_NAMES } from './promql';
import { MAX_POINTS } from './timeRanges';
import type { MetricReport } from './types';

/** Most series per metric: a chart of more lines than this is unreadable anyway. */
export const MAX_SERIES = 50;

/**
 * At most {@link MAX_SERIES} series: those with the newest samples, in the provider's order.
 * Over a day a component with rollouts and autoscaling has had more pods than that, and the
 * ones running now must never be the ones left out (a plain cut kept whichever sorted first).
 */
function mostRecent<T extends { points: { t: number }[] }>(series: T[]): T[] {
  if (series.length <= MAX_SERIES) return series;
  const last = (s: T) => Math.max(-Infinity, ...s.points.map(p => p.t));
  const kept = new Set(
    [...series].sort((a, b) => last(b) - last(a)).slice(0, MAX_SERIES),
  );
  return series.filter(s => kept.has(s));
}

/**
 * A provider's results as the API reports them: every metric in a fixed order with its title
 * and unit, metrics it did not answer as `no-data`, and the bounds held for providers that do
 * not hold them (at most 50 series of 500 points, ascending in time).
 */
export function metricsReportOf(results: MetricResult[]): MetricReport[] {
  const byName = new Map(results.map(r => [r.name, r]));
  return METRIC_NAMES.map(name => {
    const { title, unit } = METRIC_DEFINITIONS[name];
    const result = byName.get(name);
    if (!result)
      return {
        name,
        title,
        unit,
        state: 'no-data' as const,
        reason: 'the metrics provider does not report it',
        series: [],
      };
    return {
      name,
      title,
      unit,
      state: result.state,
      ...(result.reason ? { reason: result.reason } : {}),
      series: mostRecent(result.series).map(s => ({
        ...(s.pod ? { pod: s.pod } : {}),
        points: [...s.points]
          .sort((a, b) => a.t - b.t)
          .slice(-MAX_POINTS)
          .map(({ t, v }) => ({ t, v })),
      })),
    };
  });
}
