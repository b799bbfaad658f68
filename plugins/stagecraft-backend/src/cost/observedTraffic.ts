import type { ActionContext, DeploymentKey } from '../actions/types';
import type { ObservabilityActions } from '../observability/types';
import type { CostInput } from './types';

/** Traces counted at most: enough to tell traffic from none, not a measurement. */
export const TRACES_COUNTED = 20;

/**
 * What the observability provider says about a deployment's traffic over the last hour, for
 * the idle rule. A signal the provider does not have is absent, never zero: an uninstrumented
 * component exports no request metrics and sends no traces, which says nothing about traffic.
 */
export interface ObservedTraffic {
  /** The highest request rate (requests/s) of its request metrics; absent without request metrics. */
  peakRequestsPerSecond?: number;
  /** Traces of it that started in the window, up to {@link TRACES_COUNTED}; absent when tracing did not answer. */
  traces?: number;
  /** Why each absent signal is absent, e.g. `request metrics: not-configured`. */
  missing: string[];
}

/** The observability reads the traffic signals come from; each checks read permission. */
export type TrafficReads = Partial<
  Pick<ObservabilityActions, 'getMetrics' | 'getTraces'>
>;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function requestSignal(
  reads: TrafficReads,
  key: DeploymentKey,
  ctx: ActionContext,
): Promise<{ peak?: number; missing?: string }> {
  if (!reads.getMetrics) return { missing: 'no metrics provider' };
  try {
    const report = await reads.getMetrics(key, '1h', ctx);
    if (report.state !== 'ok')
      return { missing: report.reason ?? report.state };
    const requests = report.metrics.find(m => m.name === 'requests');
    const values = (requests?.series ?? []).flatMap(s =>
      s.points.map(p => p.v),
    );
    if (requests?.state !== 'ok' || values.length === 0)
      return { missing: requests?.reason ?? 'no samples' };
    return { peak: Math.max(...values) };
  } catch (e) {
    return { missing: messageOf(e) };
  }
}

async function traceSignal(
  reads: TrafficReads,
  key: DeploymentKey,
  ctx: ActionContext,
): Promise<{ count?: number; missing?: string }> {
  if (!reads.getTraces) return { missing: 'no tracing provider' };
  try {
    const report = await reads.getTraces(
      key,
      { limit: TRACES_COUNTED, errorsOnly: false, lookback: '1h' },
      ctx,
    );
    if (report.state !== 'ok')
      return { missing: report.reason ?? report.state };
    return { count: report.traces.length };
  } catch (e) {
    return { missing: messageOf(e) };
  }
}

/** Request metrics and traces of one deployment over the last hour, as far as they exist. */
export async function observeTraffic(
  reads: TrafficReads,
  key: DeploymentKey,
  ctx: ActionContext,
): Promise<ObservedTraffic> {
  const [requests, traces] = await Promise.all([
    requestSignal(reads, key, ctx),
    traceSignal(reads, key, ctx),
  ]);
  return {
    ...(requests.peak === undefined
      ? {}
      : { peakRequestsPerSecond: requests.peak }),
    ...(traces.count === undefined ? {} : { traces: traces.count }),
    missing: [
      ...(requests.missing ? [`request metrics: ${requests.missing}`] : []),
      ...(traces.missing ? [`traces: ${traces.missing}`] : []),
    ],
  };
}

/** A request rate as the evidence quotes it: 12, 0.25, 3.0e-3. */
function roundRate(v: number): string {
  if (v >= 10) return v.toFixed(0);
  if (v >= 0.01) return v.toFixed(2);
  return v.toExponential(1);
}

/** Deployments whose traffic is read at once. */
const CONCURRENCY = 8;

/**
 * Reads the traffic of the deployments whose CPU looks idle (only those: the idle rule is the
 * one that asks), so that one serving requests on little CPU is not called idle.
 */
export async function readTrafficOfQuiet(
  reads: TrafficReads,
  inputs: CostInput[],
  idleCpuMillicores: number,
  ctx: ActionContext,
): Promise<void> {
  const quiet = inputs.filter(
    i =>
      i.usage &&
      i.podCount > 0 &&
      (i.usage.cpuMillicores ?? 0) <= idleCpuMillicores,
  );
  for (let i = 0; i < quiet.length; i += CONCURRENCY)
    await Promise.all(
      quiet.slice(i, i + CONCURRENCY).map(async input => {
        input.traffic = await observeTraffic(
          reads,
          { componentRef: input.componentRef, environment: input.environment },
          ctx,
        );
      }),
    );
}

/**
 * Whether any signal saw traffic, and the signals in words for the evidence. Only request
 * metrics can say "no traffic": no traces may just mean the component is not instrumented.
 */
export function trafficVerdict(traffic: ObservedTraffic): {
  seen: boolean;
  words: string;
} {
  const peak = traffic.peakRequestsPerSecond;
  const traces = traffic.traces;
  const seen = (peak ?? 0) > 0 || (traces ?? 0) > 0;
  const parts: string[] = [];
  if (peak !== undefined)
    parts.push(
      peak > 0
        ? `request metrics: up to ${roundRate(
            peak,
          )} requests/s in the last hour`
        : 'request metrics: no requests in the last hour',
    );
  if (traces !== undefined && traces > 0)
    parts.push(
      `traces: ${
        traces >= TRACES_COUNTED ? `${TRACES_COUNTED} or more` : traces
      } in the last hour`,
    );
  if (!seen && peak === undefined) {
    const why = [
      ...traffic.missing,
      ...(traces === 0
        ? [
            'traces: none in the last hour, which an uninstrumented component never sends anyway',
          ]
        : []),
    ];
    parts.push(`no traffic signal (${why.join('; ')}): judged by CPU alone`);
  } else if (traces === 0) parts.push('traces: none in the last hour');
  return { seen, words: parts.join('; ') };
}
