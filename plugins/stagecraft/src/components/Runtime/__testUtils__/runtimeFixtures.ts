import type {
  DeploymentStatus,
  PodSummary,
  RuntimeSnapshot,
} from '@stagecraft/plugin-stagecraft-common';

export const componentRef = 'component:default/checkout-api';

export function deployment(
  environment: string,
  desiredState: DeploymentStatus['desiredState'] = 'deployed',
): DeploymentStatus {
  return {
    componentRef,
    environment,
    target: 'local',
    releaseId: 'a'.repeat(64),
    desiredState,
    generation: 1,
    updatedBy: 'user:default/guest',
    updatedAt: '2025-01-10T10:00:00Z',
    sync: { state: 'synced', reason: 'All objects are up to date' },
    urls: [],
    pendingConnections: [],
  };
}

export function pod(name: string, over: Partial<PodSummary> = {}): PodSummary {
  return {
    name,
    namespace: 'checkout-dev',
    phase: 'Running',
    ready: true,
    restarts: 0,
    node: 'node-a',
    startedAt: new Date(Date.now() - 3 * 3600 * 1000).toISOString(),
    owners: [
      { kind: 'ReplicaSet', name: 'checkout-api-7d9f' },
      { kind: 'Deployment', name: 'checkout-api' },
    ],
    containers: [
      {
        name: 'app',
        image: 'registry.local/checkout-api:1.4.0',
        ready: true,
        restarts: 0,
        state: 'running',
      },
    ],
    ...over,
  };
}

export function snapshot(
  environment: string,
  over: Partial<RuntimeSnapshot> = {},
): RuntimeSnapshot {
  return {
    componentRef,
    environment,
    available: true,
    pods: [pod('checkout-api-7d9f-abcde')],
    events: [],
    ...over,
  };
}
