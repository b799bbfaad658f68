import { stringify } from 'yaml';
import type { ClusterAccess } from '../control-plane/kubeconfig';
import type { TelemetryEndpoints } from '../control-plane/startTelemetry';

/** A cluster to point the app at, with its telemetry servers when they run. */
export type AppConfigCluster = ClusterAccess & {
  telemetry?: TelemetryEndpoints;
};

/**
 * The Stagecraft targets of the example organisation (catalog-info/platform/environments.yaml):
 * dev and staging deploy to `local`, production to `production`.
 */
export const EXAMPLE_TARGETS = ['local', 'production'] as const;

/**
 * The app-config overlay `cluster:up` writes: the Stagecraft targets `local` (dev, staging)
 * and `production` become the demo's two clusters, and the stock Kubernetes plugin gets both.
 * `yarn start` loads app-config.local.yaml on top of app-config.yaml; the file is git-ignored.
 */
export function demoAppConfig(
  local: AppConfigCluster,
  production?: AppConfigCluster,
): string {
  const header =
    '# Written by `yarn cluster:up`, removed by `yarn cluster:down`. Do not commit: it holds tokens.\n';
  return header + stringify(clusterAppConfig(local, production));
}

/**
 * App-config pointing Stagecraft's targets and the Kubernetes plugin at local clusters, as an
 * object (the end-to-end tests pass it as an overlay). Without `production`, both targets are
 * the one cluster (as in the end-to-end tests); with it, production runs on its own cluster,
 * whose metrics come from its own metrics server (one Prometheus per cluster) while traces of
 * every environment go to the first cluster's Jaeger (one tracing backend for the organisation).
 */
export function clusterAppConfig(
  local: AppConfigCluster,
  production: AppConfigCluster = local,
): object {
  const separate = production.server !== local.server;
  const observability = local.telemetry && {
    ...observabilityConfig(local.telemetry),
    ...(separate && production.telemetry
      ? {
          targets: {
            production: {
              metrics: observabilityConfig(production.telemetry).metrics,
            },
          },
        }
      : {}),
  };
  return {
    stagecraft: {
      ...(observability ? { observability } : {}),
      ...(local.telemetry ? { links: demoLinks(local.telemetry) } : {}),
      targets: {
        local: kubernetesTarget(local),
        production: kubernetesTarget(production),
      },
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            kubernetesPluginCluster('local', local),
            // One entry per cluster: the same cluster twice would list every pod twice.
            ...(separate
              ? [kubernetesPluginCluster('production', production)]
              : []),
          ],
        },
      ],
    },
  };
}

function kubernetesTarget(access: AppConfigCluster) {
  return {
    type: 'kubernetes',
    url: access.server,
    caFile: access.caFile,
    token: access.token,
  };
}

function kubernetesPluginCluster(name: string, access: AppConfigCluster) {
  return {
    name,
    url: access.server,
    authProvider: 'serviceAccount',
    serviceAccountToken: access.token,
    caFile: access.caFile,
    // Without metrics-server the cluster serves no metrics API (metrics.k8s.io), and
    // the Kubernetes tab would report an error for every pod lookup.
    skipMetricsLookup: !access.telemetry,
  };
}

/**
 * Where Stagecraft's observability providers find the local telemetry servers: a
 * Prometheus-compatible API (VictoriaMetrics) and Jaeger's query API.
 */
function observabilityConfig(telemetry: TelemetryEndpoints) {
  return {
    metrics: { type: 'prometheus', url: telemetry.metricsUrl },
    traces: { type: 'jaeger', url: telemetry.tracesUrl },
  };
}

/**
 * The Runtime and Traces tabs' shortcuts on the demo: app-config.yaml's examples point at a
 * Grafana and a Jaeger on default ports, which nothing serves here; these point at the local
 * servers instead (replacing the list: app-config arrays are not merged). VictoriaMetrics'
 * own UI charts the component's memory; Jaeger's search is scoped as the Traces tab scopes it
 * (the local Jaeger answers its query API; its UI assets are not in the Go module).
 */
function demoLinks(telemetry: TelemetryEndpoints) {
  // Placeholders are filled in URL-encoded; the PromQL and the tag JSON around them are
  // encoded here, so no literal brace is mistaken for a placeholder.
  const memory = encodeURIComponent(
    'sum by (pod) (container_memory_working_set_bytes{namespace="NS"} * on (namespace, pod) group_left kube_pod_labels{label_stagecraft_dev_project="PROJECT", label_stagecraft_dev_component="COMPONENT"})',
  )
    .replace('NS', '{namespace}')
    .replace('PROJECT', '{project}')
    .replace('COMPONENT', '{component}');
  const tags = encodeURIComponent('{"k8s.namespace.name":"NS"}').replace(
    'NS',
    '{namespace}',
  );
  return [
    {
      title: 'Memory in VictoriaMetrics',
      icon: 'dashboard',
      url: `${telemetry.metricsUrl}/vmui/#/?g0.expr=${memory}&g0.range_input=1h`,
    },
    {
      title: 'Jaeger traces',
      icon: 'timeline',
      url: `${telemetry.tracesUrl}/search?service={component}&tags=${tags}`,
    },
  ];
}
