import type { V1Deployment } from '@kubernetes/client-node';
import { USAGE_TEST_ANNOTATIONS } from './kwokUsage';

/**
 * A Deployment labelled as Stagecraft labels a component's workload, whose fake pods report
 * the given usage per container (or the time-varying default when left out): a fixture for
 * tests of anything that reads usage, metrics or the metrics API.
 */
export function usageDeployment(o: {
  component: string;
  project: string;
  environment: string;
  replicas?: number;
  /** Per container, e.g. `250m`. */
  cpu?: string;
  /** Per container, e.g. `128Mi`. */
  memory?: string;
  /** Container names; default one, `app`. */
  containers?: string[];
}): V1Deployment {
  const labels = {
    'app.kubernetes.io/managed-by': 'stagecraft',
    'stagecraft.dev/project': o.project,
    'stagecraft.dev/component': o.component,
    'stagecraft.dev/environment': o.environment,
  };
  const annotations: Record<string, string> = {};
  if (o.cpu) annotations[USAGE_TEST_ANNOTATIONS.cpu] = o.cpu;
  if (o.memory) annotations[USAGE_TEST_ANNOTATIONS.memory] = o.memory;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: o.component, labels },
    spec: {
      replicas: o.replicas ?? 1,
      selector: { matchLabels: { 'stagecraft.dev/component': o.component } },
      template: {
        metadata: { labels, annotations },
        spec: {
          containers: (o.containers ?? ['app']).map(name => ({
            name,
            image: `registry.example/${o.component}:1.0`,
            resources: {
              requests: { cpu: '100m', memory: '64Mi' },
              limits: { cpu: '1', memory: '512Mi' },
            },
          })),
        },
      },
    },
  };
}
