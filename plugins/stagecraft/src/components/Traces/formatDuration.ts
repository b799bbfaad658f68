/** A trace's duration as people compare them: `850 µs`, `12.4 ms`, `340 ms`, `2.05 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 100) return `${Number(ms.toPrecision(3))} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toPrecision(3))} s`;
}
