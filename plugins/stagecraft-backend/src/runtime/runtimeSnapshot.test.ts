import { runtimeSnapshot } from './runtimeSnapshot';
import { ComponentObjects, OwnedPod } from './RuntimeCache';

const pod = (name: string): OwnedPod => ({
  name,
  namespace: 'shop-dev',
  phase: 'Running',
  ready: true,
  restarts: 0,
  node: 'node-1',
  startedAt: '2026-01-02T03:00:00Z',
  controller: { kind: 'ReplicaSet', name: 'api-7d9f' },
  owners: [
    { kind: 'ReplicaSet', name: 'api-7d9f' },
    { kind: 'Deployment', name: 'api' },
  ],
  containers: [
    {
      name: 'main',
      image: 'api:1',
      ready: true,
      restarts: 0,
      state: 'running',
    },
  ],
  resources: new Map([
    ['main', { requests: { cpuMillicores: 100 }, limits: {} }],
  ]),
});

const objects: ComponentObjects = {
  pods: [pod('api-7d9f-b'), pod('api-7d9f-a')],
  owners: [
    {
      kind: 'ReplicaSet',
      name: 'api-7d9f',
      namespace: 'shop-dev',
      controller: { kind: 'Deployment', name: 'api' },
    },
  ],
  events: [
    {
      involved: { kind: 'Service', name: 'api' },
      type: 'Normal',
      reason: 'Synced',
      message: 'ok',
      object: 'Service api',
      count: 1,
      lastSeen: '2026-01-02T03:00:00Z',
    },
    {
      involved: { kind: 'Pod', name: 'api-7d9f-old' },
      type: 'Normal',
      reason: 'Killing',
      message: 'Stopping container main',
      object: 'Pod api-7d9f-old',
      count: 1,
      lastSeen: '2026-01-02T03:05:00Z',
    },
    {
      involved: { kind: 'Service', name: 'worker' },
      type: 'Normal',
      reason: 'Synced',
      message: 'not ours',
      object: 'Service worker',
      count: 1,
      lastSeen: '2026-01-02T03:06:00Z',
    },
  ],
};
const base = {
  componentRef: 'component:default/api',
  environment: 'dev',
  inventory: [
    { apiVersion: 'v1', kind: 'Service', namespace: 'shop-dev', name: 'api' },
  ],
};

describe('runtimeSnapshot', () => {
  it('lists pods by name with their owners, the events about the deployment and summed usage', () => {
    const snapshot = runtimeSnapshot({
      ...base,
      namespaces: [
        {
          namespace: 'shop-dev',
          objects,
          usage: new Map([
            ['api-7d9f-a', { cpuMillicores: 5, memoryBytes: 100 }],
            ['api-7d9f-b', { cpuMillicores: 7, memoryBytes: 200 }],
          ]),
        },
      ],
    });

    expect(snapshot).toMatchObject({
      componentRef: 'component:default/api',
      environment: 'dev',
      available: true,
      usage: { cpuMillicores: 12, memoryBytes: 300 },
    });
    expect(snapshot.pods.map(p => [p.name, p.usage])).toEqual([
      ['api-7d9f-a', { cpuMillicores: 5, memoryBytes: 100 }],
      ['api-7d9f-b', { cpuMillicores: 7, memoryBytes: 200 }],
    ]);
    // What the cache keeps for itself is not part of the API's PodSummary.
    expect(snapshot.pods[0]).not.toHaveProperty('controller');
    expect(snapshot.pods[0]).not.toHaveProperty('resources');
    expect(snapshot.events.map(e => e.object)).toEqual([
      'Pod api-7d9f-old',
      'Service api',
    ]);
  });

  it('leaves usage out when the metrics API did not answer', () => {
    const snapshot = runtimeSnapshot({
      ...base,
      namespaces: [{ namespace: 'shop-dev', objects }],
    });

    expect(snapshot).not.toHaveProperty('usage');
    expect(snapshot.pods[0]).not.toHaveProperty('usage');
  });
});
