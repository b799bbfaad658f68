import { KubernetesObject } from '@kubernetes/client-node';
import { podRecord } from './podRecord';

const crashing = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'api-7d9f-x2x4l',
    namespace: 'shop-dev',
    annotations: { 'stagecraft.dev/config-hash': 'abc' },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: 'api-7d9f',
        uid: 'u',
        controller: true,
      },
    ],
  },
  spec: {
    nodeName: 'node-1',
    containers: [
      {
        name: 'main',
        image: 'api:1',
        env: [{ name: 'DATABASE_PASSWORD', value: 'hunter2' }],
        resources: {
          requests: { cpu: '250m', memory: '128Mi' },
          limits: { memory: '256Mi' },
        },
      },
      { name: 'sidecar', image: 'proxy:2' },
    ],
  },
  status: {
    phase: 'Running',
    startTime: '2026-01-02T03:00:00Z',
    containerStatuses: [
      {
        name: 'main',
        ready: false,
        restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off' } },
        lastState: {
          terminated: {
            reason: 'OOMKilled',
            exitCode: 137,
            finishedAt: '2026-01-02T03:04:00Z',
          },
        },
      },
      {
        name: 'sidecar',
        ready: true,
        restartCount: 0,
        state: { running: { startedAt: '2026-01-02T03:00:01Z' } },
      },
    ],
  },
} as unknown as KubernetesObject;

describe('podRecord', () => {
  it('keeps phase, readiness, restarts, node, container states, requests and limits and the controller, nothing else', () => {
    const record = podRecord(crashing);

    expect(record).toEqual({
      name: 'api-7d9f-x2x4l',
      namespace: 'shop-dev',
      phase: 'Running',
      ready: false,
      restarts: 3,
      node: 'node-1',
      startedAt: '2026-01-02T03:00:00Z',
      controller: { kind: 'ReplicaSet', name: 'api-7d9f' },
      containers: [
        {
          name: 'main',
          image: 'api:1',
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
        {
          name: 'sidecar',
          image: 'proxy:2',
          ready: true,
          restarts: 0,
          state: 'running',
        },
      ],
      resources: new Map([
        [
          'main',
          {
            requests: { cpuMillicores: 250, memoryBytes: 128 * 2 ** 20 },
            limits: { memoryBytes: 256 * 2 ** 20 },
          },
        ],
        ['sidecar', { requests: {}, limits: {} }],
      ]),
    });
    expect(JSON.stringify(record)).not.toMatch(/hunter2|config-hash/);
  });

  it('says Terminating for a pod being deleted and unknown for a container without status', () => {
    const record = podRecord({
      metadata: {
        name: 'api-1',
        namespace: 'shop-dev',
        deletionTimestamp: '2026-01-02T03:05:00Z' as unknown as Date,
      },
      spec: { containers: [{ name: 'main', image: 'api:1' }] },
      status: { phase: 'Running' },
    } as KubernetesObject);

    expect(record).toMatchObject({
      phase: 'Terminating',
      ready: false,
      containers: [{ name: 'main', state: 'unknown', ready: false }],
    });
  });
});
