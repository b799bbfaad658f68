import type {
  LogLine,
  LogSource,
  ObservabilityLink,
  RuntimeActions,
  RuntimeSnapshot,
} from '../../actions/types';
import { COMPONENT_REF } from './fakeActions';

export const runtimeSnapshot: RuntimeSnapshot = {
  componentRef: COMPONENT_REF,
  environment: 'staging',
  available: true,
  pods: [
    {
      name: 'checkout-api-7d9f8c6b5-x2x4l',
      namespace: 'shop-staging',
      phase: 'Running',
      ready: false,
      restarts: 3,
      node: 'kwok-node-0',
      startedAt: '2026-01-02T03:00:00Z',
      owners: [
        { kind: 'ReplicaSet', name: 'checkout-api-7d9f8c6b5' },
        { kind: 'Deployment', name: 'checkout-api' },
      ],
      containers: [
        {
          name: 'main',
          image: 'ghcr.io/acme/checkout-api:1.4.2',
          ready: false,
          restarts: 3,
          state: 'waiting',
          stateReason: 'CrashLoopBackOff',
          lastTermination: {
            reason: 'OOMKilled',
            exitCode: 137,
            finishedAt: '2026-01-02T03:04:00Z',
          },
        },
      ],
      usage: { cpuMillicores: 12, memoryBytes: 67108864 },
    },
  ],
  events: [
    {
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container main',
      object: 'Pod checkout-api-7d9f8c6b5-x2x4l',
      count: 4,
      lastSeen: '2026-01-02T03:04:05Z',
    },
  ],
  usage: { cpuMillicores: 12, memoryBytes: 67108864 },
};

export const renderedYaml =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: checkout-api\n';

export const links: ObservabilityLink[] = [
  {
    title: 'Dashboard',
    url: 'https://grafana.example/d/app?var-ns=shop-staging',
    icon: 'dashboard',
  },
];

/** A log source that yields `lines` and then ends, or fails with `error` after them. */
export function logSource(
  pod: string,
  container: string,
  texts: string[],
  error?: Error,
): LogSource {
  return {
    pod,
    container,
    async *lines(): AsyncIterable<LogLine> {
      for (const text of texts) yield { pod, container, text };
      if (error) throw error;
    },
  };
}

/** Every runtime action answering with the fixtures above; tests override single answers. */
export function fakeRuntimeActions(): jest.Mocked<RuntimeActions> {
  const answers: RuntimeActions = {
    getRuntime: async () => runtimeSnapshot,
    openLogs: async () => [
      logSource('checkout-api-7d9f8c6b5-x2x4l', 'main', ['started', 'ready']),
    ],
    getManifests: async () => renderedYaml,
    listLinks: async () => links,
  };
  return Object.fromEntries(
    Object.entries(answers).map(([name, answer]) => [name, jest.fn(answer)]),
  ) as unknown as jest.Mocked<RuntimeActions>;
}
