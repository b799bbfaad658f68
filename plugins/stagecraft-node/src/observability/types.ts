import type { Config } from '@backstage/config';
import type {
  MetricName,
  MetricPoint,
  MetricSeries,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * What a provider may ask about: one component's deployment in one environment. Every value
 * comes from Stagecraft's own validated identifiers (catalog names, the namespace the
 * deployment was applied to), never from a request; providers still escape them for their
 * query language.
 *
 * @public
 */
export interface ObservabilityScope {
  /** The Stagecraft project (`service.namespace` in OpenTelemetry terms). */
  project: string;
  /** The component's name (`service.name`). */
  component: string;
  /** The environment's name (`deployment.environment.name`). */
  environment: string;
  /** The Kubernetes namespace the deployment's workloads run in (`k8s.namespace.name`). */
  namespace: string;
  /** The data-plane target of the environment, when it has one. */
  target?: string;
}

/** The time series Stagecraft shows (cpu, memory, restarts, requests, errors, latency). */
export type { MetricName, MetricPoint, MetricSeries };

/** A bounded range: the service caps it at 24 h and 500 points per series. @public */
export interface MetricsRange {
  startMs: number;
  endMs: number;
  stepSeconds: number;
}

/** What a provider found for one metric. @public */
export interface MetricResult {
  name: MetricName;
  /** `no-data`: the query ran and found nothing (e.g. the workload exports no HTTP metrics). */
  state: 'ok' | 'no-data' | 'unavailable';
  /** Why not `ok`, in words safe to show: never a server's error body or a credential. */
  reason?: string;
  series: MetricSeries[];
}

/**
 * Time series of a component's pods, from Prometheus, Datadog, Grafana Cloud, …
 *
 * @remarks
 * A provider must return series of the scope's pods only. It throws
 * {@link ObservabilityUnavailableError} (with a message safe to show) when its server fails as
 * a whole; any other error is reported as "unavailable" without its message.
 *
 * @public
 */
export interface MetricsProvider {
  queryRange(
    scope: ObservabilityScope,
    range: MetricsRange,
    signal?: AbortSignal,
  ): Promise<MetricResult[]>;
}

/** Which traces to find. @public */
export interface TracesQuery {
  /** At most this many, most recent first (the service caps it at 100). */
  limit: number;
  /** Only traces with at least one failed span. */
  errorsOnly: boolean;
  /** How far back, in ms (the service caps it at 24 h). */
  lookbackMs: number;
  /** The end of the window, ms since the epoch. */
  endMs: number;
}

/** One trace, summarised. @public */
export interface TraceSummary {
  traceId: string;
  rootOperation: string;
  rootService: string;
  /** ms since the epoch. */
  startMs: number;
  durationMs: number;
  spanCount: number;
  /** Spans marked failed (`error=true` or `otel.status_code=ERROR`). */
  errorCount: number;
  /** The trace in the tracing tool's UI, when it has one. */
  url?: string;
}

/**
 * Recent traces of a component in an environment, from Jaeger, Tempo, Datadog APM, …
 * Same error rule as {@link MetricsProvider}.
 *
 * @public
 */
export interface TracesProvider {
  findTraces(
    scope: ObservabilityScope,
    query: TracesQuery,
    signal?: AbortSignal,
  ): Promise<TraceSummary[]>;
  /** A search for the scope's traces in the tool's UI, when it has one. */
  searchUrl?(scope: ObservabilityScope, query: TracesQuery): string | undefined;
}

/**
 * Creates a provider from its configuration block (`stagecraft.observability.metrics`, or an
 * environment's or target's override), e.g. `{ type: datadog, site: …, apiKey: … }`.
 *
 * @public
 */
export type ObservabilityProviderFactory<P> = (config: Config) => P;

/**
 * A provider's server failed; the message is shown to users as the reason, so it must say what
 * failed without the server's response body or any credential.
 *
 * @public
 */
export class ObservabilityUnavailableError extends Error {
  readonly name = 'ObservabilityUnavailableError';
}
