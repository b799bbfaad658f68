import type { TraceSummary } from '@stagecraft/plugin-stagecraft-node';

/** A Jaeger query API trace, the parts read. */
export interface JaegerTrace {
  traceID?: string;
  spans?: JaegerSpan[];
  processes?: Record<string, { serviceName?: string }>;
}

interface JaegerSpan {
  spanID?: string;
  operationName?: string;
  references?: { refType?: string; spanID?: string }[];
  /** Microseconds since the epoch. */
  startTime?: number;
  /** Microseconds. */
  duration?: number;
  tags?: { key?: string; value?: unknown }[];
  processID?: string;
}

/** A span failed: `error=true` (Jaeger's and OpenTracing's mark) or OTel's status ERROR. */
export function isErrorSpan(span: JaegerSpan): boolean {
  return (span.tags ?? []).some(
    tag =>
      (tag.key === 'error' && (tag.value === true || tag.value === 'true')) ||
      (tag.key === 'otel.status_code' && tag.value === 'ERROR'),
  );
}

/**
 * A trace summarised: its root (the span without a parent in the trace, earliest first),
 * start, duration from the first start to the last end, span and error counts.
 */
export function summarizeTrace(
  trace: JaegerTrace,
  traceUrl: (traceId: string) => string | undefined,
): TraceSummary | undefined {
  const spans = trace.spans ?? [];
  if (!trace.traceID || spans.length === 0) return undefined;
  const ids = new Set(spans.map(s => s.spanID));
  const hasParentHere = (span: JaegerSpan) =>
    (span.references ?? []).some(
      r => r.refType === 'CHILD_OF' && ids.has(r.spanID),
    );
  const byStart = [...spans].sort(
    (a, b) => (a.startTime ?? 0) - (b.startTime ?? 0),
  );
  const root = byStart.find(s => !hasParentHere(s)) ?? byStart[0];
  const start = byStart[0].startTime ?? 0;
  const end = Math.max(
    ...spans.map(s => (s.startTime ?? 0) + (s.duration ?? 0)),
  );
  const url = traceUrl(trace.traceID);
  return {
    traceId: trace.traceID,
    rootOperation: root.operationName ?? '',
    rootService: trace.processes?.[root.processID ?? '']?.serviceName ?? '',
    startMs: Math.round(start / 1000),
    durationMs: (end - start) / 1000,
    spanCount: spans.length,
    errorCount: spans.filter(isErrorSpan).length,
    ...(url ? { url } : {}),
  };
}
