import type {
  MetricName,
  ObservabilityScope,
} from '@stagecraft/plugin-stagecraft-node';
import type { MetricUnit } from './types';

/**
 * A value inside a double-quoted PromQL string (a label matcher's value): backslash, quote and
 * line breaks escaped, so a name can never close the string and add matchers or operators.
 * Our identifiers are DNS labels already; this holds even if a future one is not.
 */
export function escapePromqlString(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

/** The placeholders a query template may use. */
export const QUERY_PLACEHOLDERS = [
  'namespace',
  'component',
  'project',
  'environment',
  'window',
] as const;

const PLACEHOLDER = /\{(namespace|component|project|environment|window)\}/g;

/** A template with its placeholders filled: scope values escaped, `window` as `<n>s`. */
export function renderQuery(
  template: string,
  scope: ObservabilityScope,
  windowSeconds: number,
): string {
  return template.replace(PLACEHOLDER, (_match, name: string) =>
    name === 'window'
      ? `${Math.max(1, Math.round(windowSeconds))}s`
      : escapePromqlString(
          scope[name as Exclude<(typeof QUERY_PLACEHOLDERS)[number], 'window'>],
        ),
  );
}

/**
 * Why a configured template is refused, or undefined: it must scope by `{component}` (else
 * it would chart other workloads) and may use no placeholder but the known ones.
 */
export function templateProblem(template: string): string | undefined {
  if (!template.includes('{component}'))
    return 'does not use {component}, so it would show workloads other than the component';
  const unknown = template
    .match(/\{[a-zA-Z_]+\}/g)
    ?.find(
      p => !(QUERY_PLACEHOLDERS as readonly string[]).includes(p.slice(1, -1)),
    );
  return unknown
    ? `uses the unknown placeholder ${unknown} (known: ${QUERY_PLACEHOLDERS.map(
        p => `{${p}}`,
      ).join(', ')})`
    : undefined;
}

/** Selects the component's pods: joined on kube-state-metrics' pod labels. */
const OF_COMPONENT =
  '* on (namespace, pod) group_left kube_pod_labels{namespace="{namespace}", label_stagecraft_dev_project="{project}", label_stagecraft_dev_component="{component}"}';

/**
 * The default queries, for kubelet `/metrics/resource` series and kube-state-metrics names
 * (what the local cluster's VictoriaMetrics scrapes) and OpenTelemetry's HTTP server
 * histogram for workloads that export it. cpu in cores (shown as millicores), memory in bytes,
 * restarts as the counter, requests and errors per second, latency p95 in seconds.
 */
export const DEFAULT_QUERIES: Record<MetricName, string> = {
  cpu: `sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="{namespace}"}[{window}]) ${OF_COMPONENT})`,
  memory: `sum by (pod) (container_memory_working_set_bytes{namespace="{namespace}"} ${OF_COMPONENT})`,
  restarts: `sum by (pod) (kube_pod_container_status_restarts_total{namespace="{namespace}"} ${OF_COMPONENT})`,
  requests: `sum(rate(http_server_request_duration_seconds_count{namespace="{namespace}"}[{window}]) ${OF_COMPONENT})`,
  errors: `sum(rate(http_server_request_duration_seconds_count{namespace="{namespace}", http_response_status_code=~"5.."}[{window}]) ${OF_COMPONENT})`,
  latency: `histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{namespace="{namespace}"}[{window}]) ${OF_COMPONENT}))`,
};

/** How each metric is charted: its title, unit and whether it has a line per pod. */
export const METRIC_DEFINITIONS: Record<
  MetricName,
  { title: string; unit: MetricUnit; perPod: boolean }
> = {
  cpu: { title: 'CPU', unit: 'millicores', perPod: true },
  memory: { title: 'Memory', unit: 'bytes', perPod: true },
  restarts: { title: 'Restarts', unit: 'count', perPod: true },
  requests: {
    title: 'Request rate',
    unit: 'requests-per-second',
    perPod: false,
  },
  errors: { title: 'Error rate', unit: 'errors-per-second', perPod: false },
  latency: { title: 'Latency (p95)', unit: 'seconds', perPod: false },
};

/** The metrics in the order they are reported. */
export const METRIC_NAMES = Object.keys(METRIC_DEFINITIONS) as MetricName[];
