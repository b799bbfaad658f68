import type { MetricReport } from './types';

/** Pods beyond this many (busiest kept) would drown a model's context. */
export const MAX_SUMMARY_PODS = 20;

/** Figures of a set of points. */
export interface Figures {
  latest?: number;
  min?: number;
  max?: number;
  avg?: number;
}

/** One metric in a few numbers: over all series, and per pod for per-pod metrics. */
export interface MetricSummary extends Figures {
  name: string;
  title: string;
  unit: string;
  state: string;
  reason?: string;
  perPod?: { pod: string; latest?: number; max?: number }[];
  podsTruncated?: boolean;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

function figuresOf(values: number[], latest: number | undefined): Figures {
  if (values.length === 0) return {};
  return {
    ...(latest === undefined ? {} : { latest: round(latest) }),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    avg: round(values.reduce((a, b) => a + b, 0) / values.length),
  };
}

/**
 * A metrics report as numbers a model can reason about: for per-pod metrics the sum over pods
 * at the last step is `latest` and the extremes are per pod; for the others, the one series'.
 */
export function summarizeMetrics(metrics: MetricReport[]): MetricSummary[] {
  return metrics.map(metric => {
    const base = {
      name: metric.name,
      title: metric.title,
      unit: metric.unit,
      state: metric.state,
      ...(metric.reason ? { reason: metric.reason } : {}),
    };
    const values = metric.series.flatMap(s => s.points.map(p => p.v));
    const lastOf = (s: MetricReport['series'][number]) =>
      s.points[s.points.length - 1]?.v;
    const latestParts = metric.series
      .map(lastOf)
      .filter((v): v is number => v !== undefined);
    const latest =
      latestParts.length === 0
        ? undefined
        : latestParts.reduce((a, b) => a + b, 0);
    const pods = metric.series
      .filter(s => s.pod)
      .map(s => ({
        pod: s.pod!,
        ...figuresOf(
          s.points.map(p => p.v),
          lastOf(s),
        ),
      }))
      .map(({ pod, latest: last, max }) => ({
        pod,
        ...(last === undefined ? {} : { latest: last }),
        ...(max === undefined ? {} : { max }),
      }))
      .sort((a, b) => (b.max ?? 0) - (a.max ?? 0));
    return {
      ...base,
      ...figuresOf(values, latest),
      ...(pods.length > 0
        ? {
            perPod: pods.slice(0, MAX_SUMMARY_PODS),
            podsTruncated: pods.length > MAX_SUMMARY_PODS,
          }
        : {}),
    };
  });
}
