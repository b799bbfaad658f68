/*
 * The JSON the Stagecraft REST API speaks about observability (issue 14): resource usage now,
 * metric time series over a range and recent traces, each scoped to one component in one
 * environment. A missing or failing provider is never an HTTP error: the body's `state` says
 * `not-configured` or `unavailable` with a `reason` safe to show (never a provider's error body
 * or a credential).
 */

/**
 * CPU and memory in the units Kubernetes requests and limits use.
 *
 * @public
 */
export interface Usage {
  cpuMillicores: number;
  memoryBytes: number;
}

/**
 * Requests or limits; a field is absent when the pod spec does not set it.
 *
 * @public
 */
export interface ResourceAmounts {
  cpuMillicores?: number;
  memoryBytes?: number;
}

/**
 * `ok`: the provider answered; `not-configured`: no provider for this environment or target;
 * `unavailable`: one is configured but failed (the reason says how).
 *
 * @public
 */
export type ProviderState = 'ok' | 'not-configured' | 'unavailable';

/**
 * The ranges the metrics and traces routes accept, shortest first.
 *
 * @public
 */
export const OBSERVABILITY_RANGES = [
  '15m',
  '30m',
  '1h',
  '3h',
  '6h',
  '12h',
  '24h',
] as const;

/** @public */
export type ObservabilityRange = (typeof OBSERVABILITY_RANGES)[number];

/**
 * A container's usage now against what its spec requests and limits.
 *
 * @public
 */
export interface ContainerUsage {
  name: string;
  /** Absent when the metrics API has no sample for it. */
  usage?: Usage;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
}

/**
 * A pod's usage now: its containers' and their sums.
 *
 * @public
 */
export interface PodUsage {
  name: string;
  namespace: string;
  phase: string;
  usage?: Usage;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
  containers: ContainerUsage[];
}

/**
 * CPU and memory of a deployment's pods now (`GET …/deployments/{environment}/usage`).
 *
 * @public
 */
export interface DeploymentUsage {
  componentRef: string;
  environment: string;
  /** False without a metrics API, on a GitOps target or before the cluster has pods. */
  available: boolean;
  /** Why not available; present iff `available` is false. */
  reason?: string;
  source?: 'metrics-api';
  /** Every pod; without usage when not available (requests and limits still come from specs). */
  pods: PodUsage[];
  totals: { usage?: Usage; requests: ResourceAmounts; limits: ResourceAmounts };
}

/**
 * The metrics a report carries, in this order.
 *
 * @public
 */
export type MetricName =
  | 'cpu'
  | 'memory'
  | 'restarts'
  | 'requests'
  | 'errors'
  | 'latency';

/** @public */
export type MetricUnit =
  | 'millicores'
  | 'bytes'
  | 'count'
  | 'requests-per-second'
  | 'errors-per-second'
  | 'seconds';

/**
 * One point of a series: `t` in epoch milliseconds (ascending), `v` in the metric's unit.
 *
 * @public
 */
export interface MetricPoint {
  t: number;
  v: number;
}

/**
 * One series: per pod for cpu, memory and restarts; one for the component otherwise.
 *
 * @public
 */
export interface MetricSeries {
  pod?: string;
  points: MetricPoint[];
}

/**
 * One metric over the report's range.
 *
 * @public
 */
export interface MetricReport {
  name: MetricName;
  /** "CPU", "Memory", "Restarts", "Request rate", "Error rate", "Latency (p95)". */
  title: string;
  unit: MetricUnit;
  /** `no-data`: the query ran and found nothing (e.g. the workload exports no HTTP metrics). */
  state: 'ok' | 'no-data' | 'unavailable';
  reason?: string;
  series: MetricSeries[];
}

/**
 * A deployment's time series over a range (`GET …/deployments/{environment}/metrics`).
 *
 * @public
 */
export interface MetricsReport {
  componentRef: string;
  environment: string;
  state: ProviderState;
  reason?: string;
  /** The provider type, e.g. `prometheus`. */
  provider?: string;
  /** ISO 8601; present iff `state` is `ok`, as are `end` and `stepSeconds`. */
  start?: string;
  end?: string;
  stepSeconds?: number;
  /** Empty unless `state` is `ok`. */
  metrics: MetricReport[];
}

/**
 * One trace as the REST API shows it.
 *
 * @public
 */
export interface TraceSummary {
  /** Hex. */
  traceId: string;
  rootOperation: string;
  rootService: string;
  /** ISO 8601. */
  startTime: string;
  durationMs: number;
  spanCount: number;
  /** Spans with `error=true` or `otel.status_code=ERROR`. */
  errorCount: number;
  /** The trace in the tracing tool's UI. */
  url?: string;
}

/**
 * A deployment's recent traces, most recent first (`GET …/deployments/{environment}/traces`).
 *
 * @public
 */
export interface TracesReport {
  componentRef: string;
  environment: string;
  state: ProviderState;
  reason?: string;
  /** The provider type, e.g. `jaeger`. */
  provider?: string;
  /** The tracing tool's search for this component in this environment. */
  searchUrl?: string;
  traces: TraceSummary[];
}

/**
 * One deployment's usage at a glance, in an environment's list.
 *
 * @public
 */
export interface EnvironmentUsageItem {
  componentRef: string;
  available: boolean;
  reason?: string;
  podCount: number;
  /** Summed over pods; absent when not available. */
  usage?: Usage;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
}

/**
 * Usage of every deployment in an environment the caller may read
 * (`GET /environments/{environment}/usage`).
 *
 * @public
 */
export interface EnvironmentUsage {
  environment: string;
  items: EnvironmentUsageItem[];
}
