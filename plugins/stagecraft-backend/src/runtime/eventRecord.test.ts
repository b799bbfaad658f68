import { KubernetesObject } from '@kubernetes/client-node';
import { eventRecord, eventsAbout } from './eventRecord';

const raw = (fields: Record<string, unknown>) =>
  ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: 'e',
      namespace: 'shop-dev',
      creationTimestamp: '2026-01-02T03:00:00Z',
    },
    ...fields,
  } as unknown as KubernetesObject);

describe('eventRecord', () => {
  it('reads a classic event: count and last timestamp', () => {
    expect(
      eventRecord(
        raw({
          involvedObject: { kind: 'Pod', name: 'api-7d9f-a', uid: 'u' },
          type: 'Warning',
          reason: 'BackOff',
          message: 'Back-off restarting failed container',
          count: 7,
          lastTimestamp: '2026-01-02T03:04:05Z',
          source: { component: 'kubelet' },
        }),
      ),
    ).toEqual({
      involved: { kind: 'Pod', name: 'api-7d9f-a' },
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      object: 'Pod api-7d9f-a',
      count: 7,
      lastSeen: '2026-01-02T03:04:05Z',
    });
  });

  it('reads an events.k8s.io-style event: series, or event time, or creation', () => {
    const involvedObject = { kind: 'Pod', name: 'api-7d9f-a' };
    expect(
      eventRecord(
        raw({
          involvedObject,
          series: { count: 3, lastObservedTime: '2026-01-02T03:09:00.123456Z' },
          eventTime: '2026-01-02T03:01:00.000000Z',
        }),
      ),
    ).toMatchObject({ count: 3, lastSeen: '2026-01-02T03:09:00.123456Z' });
    expect(
      eventRecord(raw({ involvedObject, eventTime: '2026-01-02T03:01:00Z' })),
    ).toMatchObject({ count: 1, lastSeen: '2026-01-02T03:01:00Z' });
    expect(eventRecord(raw({ involvedObject }))).toMatchObject({
      lastSeen: '2026-01-02T03:00:00Z',
    });
  });
});

describe('eventsAbout', () => {
  const at = (kind: string, name: string, lastSeen: string) => ({
    involved: { kind, name },
    type: 'Normal',
    reason: 'R',
    message: 'm',
    object: `${kind} ${name}`,
    count: 1,
    lastSeen,
  });

  it('keeps events about the deployment’s objects and pods, gone ones too, most recent first', () => {
    const events = [
      at('Deployment', 'api', '2026-01-02T03:00:00Z'),
      at('Pod', 'api-7d9f-live', '2026-01-02T03:02:00Z'),
      at('Pod', 'api-7d9f-gone', '2026-01-02T03:01:00.5Z'),
      at('Pod', 'api-gateway-5c4b-a', '2026-01-02T03:03:00Z'),
      at('Deployment', 'api-gateway', '2026-01-02T03:03:00Z'),
      at('ReplicaSet', 'api-7d9f', '2026-01-02T03:01:00Z'),
    ];

    const about = eventsAbout(events, {
      objects: new Set([
        'Deployment/api',
        'ReplicaSet/api-7d9f',
        'Pod/api-7d9f-live',
      ]),
      podPrefixes: ['api-7d9f-'],
    });

    expect(about.map(e => e.object)).toEqual([
      'Pod api-7d9f-live',
      'Pod api-7d9f-gone',
      'ReplicaSet api-7d9f',
      'Deployment api',
    ]);
    expect(about[0]).not.toHaveProperty('involved');
  });
});
