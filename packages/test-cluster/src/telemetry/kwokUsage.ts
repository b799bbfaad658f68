import { stringify } from 'yaml';

/**
 * Annotations that set a fake pod's usage, per container, as Kubernetes quantities (`250m`,
 * `128Mi`). Put them on a workload's pod template; without them a pod's usage follows a
 * default that rises and falls over ten minutes (see {@link kwokUsageYaml}).
 */
export const USAGE_TEST_ANNOTATIONS = {
  cpu: 'stagecraft.dev/test-cpu-usage',
  memory: 'stagecraft.dev/test-memory-usage',
} as const;

/** The kubelet resource-metrics path kwok serves for a node (what metrics-server scrapes). */
export const resourceMetricsPath = (node: string) =>
  `/metrics/nodes/${node}/metrics/resource`;

/** kube-state-metrics-like series of a node's pods: labels, requests, limits. */
export const podStateMetricsPath = (node: string) =>
  `/metrics/nodes/${node}/metrics/pod-state`;

/**
 * A triangle wave over ten minutes, 0…300 and back, shifted by the pod's age so that pods of
 * one workload do not move in lockstep. kwok's CEL has no trigonometry; this is enough to make
 * charts and `kubectl top` change.
 */
const WAVE =
  '(int(pod.SinceSecond()) % 600 < 300 ? int(pod.SinceSecond()) % 600 : 600 - int(pod.SinceSecond()) % 600)';

function usageExpression(annotation: string, fallback: string): string {
  return `"${annotation}" in pod.metadata.annotations ? Quantity(pod.metadata.annotations["${annotation}"]) : ${fallback}`;
}

/** Default usage: 20m…120m CPU and 64Mi…94Mi memory per container. */
const clusterResourceUsage = {
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'ClusterResourceUsage',
  metadata: { name: 'stagecraft-usage' },
  spec: {
    usages: [
      {
        usage: {
          cpu: {
            expression: usageExpression(
              USAGE_TEST_ANNOTATIONS.cpu,
              `Quantity("20m") + Quantity("1m") * (${WAVE} / 3)`,
            ),
          },
          memory: {
            expression: usageExpression(
              USAGE_TEST_ANNOTATIONS.memory,
              `Quantity("64Mi") + Quantity("1Mi") * (${WAVE} / 10)`,
            ),
          },
        },
      },
    ],
  },
};

const podLabels = [
  { name: 'namespace', value: 'pod.metadata.namespace' },
  { name: 'pod', value: 'pod.metadata.name' },
];
const containerLabels = [
  { name: 'container', value: 'container.name' },
  ...podLabels,
];

type MetricKind = 'counter' | 'gauge';
type Dimension = 'node' | 'pod' | 'container';
type Label = { name: string; value: string };

function metric(
  name: string,
  kind: MetricKind,
  dimension: Dimension,
  value: string,
  labels: Label[],
  help: string,
) {
  return {
    name,
    kind,
    dimension,
    help,
    value,
    ...(labels.length ? { labels } : {}),
  };
}

/**
 * The kubelet's `/metrics/resource` series, as kwok's own example defines them: what
 * metrics-server reads (cumulative CPU, working-set memory) and what VictoriaMetrics keeps.
 */
const resourceMetrics = {
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'Metric',
  metadata: { name: 'stagecraft-resource-metrics' },
  spec: {
    path: resourceMetricsPath('{nodeName}'),
    metrics: [
      metric(
        'scrape_error',
        'gauge',
        'node',
        '0',
        [],
        '1 if there was an error while getting metrics from the node, 0 otherwise',
      ),
      metric(
        'container_start_time_seconds',
        'gauge',
        'container',
        'pod.SinceSecond()',
        containerLabels,
        'Start time of the container since unix epoch in seconds',
      ),
      metric(
        'container_cpu_usage_seconds_total',
        'counter',
        'container',
        'pod.CumulativeUsage("cpu", container.name)',
        containerLabels,
        'Cumulative cpu time consumed by the container in core-seconds',
      ),
      metric(
        'container_memory_working_set_bytes',
        'gauge',
        'container',
        'pod.Usage("memory", container.name)',
        containerLabels,
        'Current working set of the container in bytes',
      ),
      metric(
        'pod_cpu_usage_seconds_total',
        'counter',
        'pod',
        'pod.CumulativeUsage("cpu")',
        podLabels,
        'Cumulative cpu time consumed by the pod in core-seconds',
      ),
      metric(
        'pod_memory_working_set_bytes',
        'gauge',
        'pod',
        'pod.Usage("memory")',
        podLabels,
        'Current working set of the pod in bytes',
      ),
      metric(
        'node_cpu_usage_seconds_total',
        'counter',
        'node',
        'node.CumulativeUsage("cpu")',
        [],
        'Cumulative cpu time consumed by the node in core-seconds',
      ),
      metric(
        'node_memory_working_set_bytes',
        'gauge',
        'node',
        'node.Usage("memory")',
        [],
        'Current working set of the node in bytes',
      ),
    ],
  },
};

/** A CEL expression for a label or annotation value, "" when absent. */
const labelValue = (key: string) =>
  `"${key}" in pod.metadata.labels ? pod.metadata.labels["${key}"] : ""`;

/** A container's request or limit of a resource, 0 when it sets none. */
const resourceValue = (field: 'requests' | 'limits', resource: string) =>
  `"${resource}" in container.resources.${field} ? container.resources.${field}["${resource}"] : Quantity("0")`;

const STAGECRAFT_POD_LABELS = [
  ['label_stagecraft_dev_project', 'stagecraft.dev/project'],
  ['label_stagecraft_dev_component', 'stagecraft.dev/component'],
  ['label_stagecraft_dev_environment', 'stagecraft.dev/environment'],
  ['label_app_kubernetes_io_managed_by', 'app.kubernetes.io/managed-by'],
];

/**
 * Series kube-state-metrics would give a Prometheus, under its names: `kube_pod_labels` (the
 * Stagecraft labels, so queries can select a component's pods by label rather than by name)
 * and each container's requests and limits, in cores and bytes (one metric per resource, as
 * kube-state-metrics v1 named them: kwok serves one definition per metric name).
 */
const podStateMetrics = {
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'Metric',
  metadata: { name: 'stagecraft-pod-state' },
  spec: {
    path: podStateMetricsPath('{nodeName}'),
    metrics: [
      metric(
        'kube_pod_labels',
        'gauge',
        'pod',
        '1',
        [
          ...podLabels,
          ...STAGECRAFT_POD_LABELS.map(([name, key]) => ({
            name,
            value: labelValue(key),
          })),
        ],
        'Kubernetes labels of the pod (the Stagecraft ones), as kube-state-metrics names them',
      ),
      ...(['requests', 'limits'] as const).flatMap(field =>
        (
          [
            ['cpu', 'cpu_cores'],
            ['memory', 'memory_bytes'],
          ] as const
        ).map(([resource, unit]) =>
          metric(
            `kube_pod_container_resource_${field}_${unit}`,
            'gauge',
            'container',
            resourceValue(field, resource),
            containerLabels,
            `The container's ${resource} ${field} (0: none set)`,
          ),
        ),
      ),
    ],
  },
};

/**
 * kwok configuration documents that give fake pods changing CPU and memory usage and serve it
 * as kubelet metrics, to append to the cluster's kwok configuration file.
 */
export function kwokUsageYaml(): string {
  return [clusterResourceUsage, resourceMetrics, podStateMetrics]
    .map(doc => stringify(doc))
    .join('---\n');
}
