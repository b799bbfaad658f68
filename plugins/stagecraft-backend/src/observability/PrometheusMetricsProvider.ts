import type { Config } from '@backstage/config';
import {
  MetricName,
  MetricResult,
  MetricsProvider,
  MetricsRange,
  ObservabilityScope,
  ObservabilityUnavailableError,
} from '@stagecraft/plugin-stagecraft-node';
import { endpoint, getJson } from './httpJson';
import {
  DEFAULT_QUERIES,
  METRIC_DEFINITIONS,
  METRIC_NAMES,
  renderQuery,
  templateProblem,
} from './promql';
import { rateWindowSeconds } from './timeRanges';
import { checkedUrl, headersOf } from './providerConfig';

/** Settings of {@link PrometheusMetricsProvider}. */
export interface PrometheusOptions {
  url: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  queries?: Partial<Record<MetricName, string>>;
}

/** A `query_range` answer, the parts read. */
interface RangeResponse {
  status?: string;
  data?: {
    resultType?: string;
    result?: { metric?: Record<string, string>; values?: [number, string][] }[];
  };
}

const SERVER = 'the metrics server';

/**
 * Metrics from any Prometheus HTTP API (Prometheus, VictoriaMetrics, Thanos, Mimir, …): one
 * `query_range` per metric, built from the configured or default PromQL templates with the
 * scope's escaped names. A metric whose query fails alone is `unavailable`; when every query
 * fails the server is, and the provider throws.
 */
export class PrometheusMetricsProvider implements MetricsProvider {
  private readonly queries: Record<MetricName, string>;

  constructor(private readonly options: PrometheusOptions) {
    this.queries = { ...DEFAULT_QUERIES, ...options.queries };
    for (const [name, template] of Object.entries(options.queries ?? {})) {
      const problem = templateProblem(template ?? '');
      if (problem)
        throw new Error(
          `stagecraft.observability metrics query "${name}" ${problem}`,
        );
    }
  }

  static fromConfig(config: Config): PrometheusMetricsProvider {
    const queries = config.getOptionalConfig('queries');
    return new PrometheusMetricsProvider({
      url: checkedUrl(config),
      headers: headersOf(config),
      timeoutMs: config.getOptionalNumber('timeoutMs'),
      queries: Object.fromEntries(
        METRIC_NAMES.flatMap(name => {
          const query = queries?.getOptionalString(name);
          return query ? [[name, query]] : [];
        }),
      ),
    });
  }

  async queryRange(
    scope: ObservabilityScope,
    range: MetricsRange,
    signal?: AbortSignal,
  ): Promise<MetricResult[]> {
    const results = await Promise.all(
      METRIC_NAMES.map(name => this.queryOne(name, scope, range, signal)),
    );
    const failures = results.filter(r => r.state === 'unavailable');
    if (failures.length === results.length)
      throw new ObservabilityUnavailableError(
        failures[0]?.reason ?? `unavailable: ${SERVER} failed`,
      );
    return results;
  }

  /** The PromQL of one metric for a scope; exported for tests of escaping and scoping. */
  queryOf(name: MetricName, scope: ObservabilityScope, stepSeconds: number) {
    return renderQuery(
      this.queries[name],
      scope,
      rateWindowSeconds(stepSeconds),
    );
  }

  private async queryOne(
    name: MetricName,
    scope: ObservabilityScope,
    range: MetricsRange,
    signal?: AbortSignal,
  ): Promise<MetricResult> {
    const url = endpoint(this.options.url, '/api/v1/query_range', {
      query: this.queryOf(name, scope, range.stepSeconds),
      start: String(range.startMs / 1000),
      end: String(range.endMs / 1000),
      step: `${range.stepSeconds}s`,
    });
    let body: RangeResponse;
    try {
      body = (await getJson(url, {
        headers: this.options.headers,
        timeoutMs: this.options.timeoutMs ?? 5000,
        server: SERVER,
        signal,
      })) as RangeResponse;
    } catch (error) {
      const reason =
        error instanceof ObservabilityUnavailableError
          ? error.message
          : `unavailable: ${SERVER} failed`;
      return { name, state: 'unavailable', reason, series: [] };
    }
    return resultOf(name, body, this.queries[name] === DEFAULT_QUERIES[name]);
  }
}

/** A matrix as series of the metric's unit; cpu from cores to millicores. */
function resultOf(
  name: MetricName,
  body: RangeResponse,
  defaultQuery: boolean,
): MetricResult {
  if (body.status !== 'success' || body.data?.resultType !== 'matrix')
    return {
      name,
      state: 'unavailable',
      reason: `unavailable: ${SERVER} did not answer with a range of samples`,
      series: [],
    };
  const scale = name === 'cpu' ? 1000 : 1;
  const series = (body.data.result ?? []).map(item => ({
    ...(METRIC_DEFINITIONS[name].perPod && item.metric?.pod
      ? { pod: item.metric.pod }
      : {}),
    points: (item.values ?? [])
      .map(([t, v]) => ({ t: Math.round(t * 1000), v: Number(v) * scale }))
      .filter(p => Number.isFinite(p.v)),
  }));
  return series.length === 0
    ? {
        name,
        state: 'no-data',
        reason: noDataReason(name, defaultQuery),
        series: [],
      }
    : { name, state: 'ok', series };
}

/**
 * Why a query found nothing, without blaming the server for a series nobody exports: what the
 * default query reads, so an operator knows what to install or configure.
 */
function noDataReason(name: MetricName, defaultQuery: boolean): string {
  if (!defaultQuery)
    return "the configured query found no samples of this component's pods";
  switch (name) {
    case 'restarts':
      return "no restart counter for this component's pods: the default query reads kube_pod_container_status_restarts_total (kube-state-metrics), which the metrics server does not have; the Runtime tab's pod table counts restarts";
    case 'requests':
    case 'errors':
    case 'latency':
      return 'the component exports no HTTP server metrics: the default query reads http_server_request_duration_seconds (OpenTelemetry)';
    default:
      return "no samples of this component's pods yet: the default query reads the kubelet's /metrics/resource series";
  }
}
