import { stringify } from 'yaml';
import type { ClusterAccess } from '../control-plane/kubeconfig';

/**
 * The app-config overlay `cluster:up` writes: the Stagecraft target `local` becomes the demo
 * cluster, and the stock Kubernetes plugin gets the same cluster. `yarn start` loads
 * app-config.local.yaml on top of app-config.yaml; the file is git-ignored.
 */
export function demoAppConfig(access: ClusterAccess): string {
  const header =
    '# Written by `yarn cluster:up`, removed by `yarn cluster:down`. Do not commit: it holds a token.\n';
  return header + stringify(clusterAppConfig(access));
}

/**
 * App-config pointing Stagecraft's target `local` and the Kubernetes plugin at a local
 * cluster, as an object (the end-to-end tests pass it as an overlay).
 */
export function clusterAppConfig(access: ClusterAccess): object {
  return {
    stagecraft: {
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
              // The local cluster serves no metrics API (metrics.k8s.io); without this the
              // Kubernetes tab reports an error for every pod lookup.
              skipMetricsLookup: true,
            },
          ],
        },
      ],
    },
  };
}
