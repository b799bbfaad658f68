import { stringify } from 'yaml';
import type { ClusterAccess } from '../control-plane/kubeconfig';
import type { TelemetryEndpoints } from '../control-plane/startTelemetry';

/** A cluster to point the app at, with its telemetry servers when they run. */
export type AppConfigCluster = ClusterAccess & {
  telemetry?: TelemetryEndpoints;
};

/**
 * The app-config overlay `cluster:up` writes: the Stagecraft target `local` becomes the demo
 * cluster, and the stock Kubernetes plugin gets the same cluster. `yarn start` loads
 * app-config.local.yaml on top of app-config.yaml; the file is git-ignored.
 */
export function demoAppConfig(access: AppConfigCluster): string {
  const header =
    '# Written by `yarn cluster:up`, removed by `yarn cluster:down`. Do not commit: it holds a token.\n';
  return header + stringify(clusterAppConfig(access));
}

/**
 * App-config pointing Stagecraft's target `local` and the Kubernetes plugin at a local
 * cluster, as an object (the end-to-end tests pass it as an overlay).
 */
export function clusterAppConfig(access: AppConfigCluster): object {
  return {
    stagecraft: {
      ...(access.telemetry
        ? { observability: observabilityConfig(access.telemetry) }
        : {}),
      targets: {
        local: {
          type: 'kubernetes',
          url: access.server,
          caFile: access.caFile,
          token: access.token,
        },
      },
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'local',
              url: access.server,
              authProvider: 'serviceAccount',
              serviceAccountToken: access.token,
              caFile: access.caFile,
              // Without metrics-server the cluster serves no metrics API (metrics.k8s.io), and
              // the Kubernetes tab would report an error for every pod lookup.
              skipMetricsLookup: !access.telemetry,
            },
          ],
        },
      ],
    },
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
