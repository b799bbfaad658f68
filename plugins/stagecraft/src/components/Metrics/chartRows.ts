import type { MetricSeries } from '@stagecraft/plugin-stagecraft-common';

/** One row of a chart: a time and each series' value then (`s0`, `s1`, …), absent for a gap. */
export type ChartRow = { t: number } & Record<string, number>;

/** A series' name in a legend: its pod, or "component" for a component-wide series. */
export function seriesLabel(series: MetricSeries, index: number): string {
  return series.pod ?? (index === 0 ? 'component' : `series ${index + 1}`);
}

/**
 * The series' points merged into rows by time, ascending, as the chart library draws them.
 * A series without a point at a time has no key there, so its line breaks instead of
 * dropping to zero.
 */
export function toChartRows(series: MetricSeries[]): ChartRow[] {
  const rows = new Map<number, ChartRow>();
  series.forEach((s, index) => {
    for (const point of s.points) {
      if (!Number.isFinite(point.t) || !Number.isFinite(point.v)) continue;
      const row = rows.get(point.t) ?? ({ t: point.t } as ChartRow);
      row[`s${index}`] = point.v;
      rows.set(point.t, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/** Latest, highest and mean value of a series, for the figures beside a chart. */
export function seriesFigures(
  series: MetricSeries,
): { latest: number; max: number; mean: number } | undefined {
  const values = series.points.map(p => p.v).filter(Number.isFinite);
  if (!values.length) return undefined;
  return {
    latest: values[values.length - 1],
    max: Math.max(...values),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
  };
}

/**
 * Indices of the rows where series `key` has a value but neither neighbour does. A line
 * needs two points, so without a dot such a sample — a pod's first scrape, or one between
 * gaps — would not be drawn at all.
 */
export function isolatedPoints(rows: ChartRow[], key: string): Set<number> {
  const has = (index: number) => Number.isFinite(rows[index]?.[key]);
  const isolated = new Set<number>();
  rows.forEach((_, index) => {
    if (has(index) && !has(index - 1) && !has(index + 1)) isolated.add(index);
  });
  return isolated;
}
