import { KubernetesObject } from '@kubernetes/client-node';
import { WatchedKind } from '../kube/watchedKinds';
import {
  RawWatchEvent,
  ResourceClient,
  WatchScope,
} from '../kube/ResourceClient';
import { WarningThrottle } from '../watch/WarningThrottle';
import { RuntimeCache } from './RuntimeCache';

/**
 * A cluster in memory: lists answer from `objects`, watches stay open until aborted and
 * receive what `push` sends. Records which watches are open, per kind and namespace.
 */
function fakeCluster(objects: Record<string, KubernetesObject[]>) {
  const open = new Map<string, (event: RawWatchEvent) => void>();
  const scopeKey = (kind: WatchedKind, scope: WatchScope) =>
    `${kind.kind}${scope.namespace ? ` in ${scope.namespace}` : ''}`;
  const clientFor = (scope: WatchScope): ResourceClient => ({
    async list(kind) {
      return {
        items: objects[scopeKey(kind, scope)] ?? [],
        resourceVersion: '1',
      };
    },
    async watch(kind, _version, signal) {
      const key = scopeKey(kind, scope);
      const queue: RawWatchEvent[] = [];
      let wake: (() => void) | undefined;
      const arrival = () =>
        new Promise<void>(resolve => {
          wake = resolve;
        });
      open.set(key, event => {
        queue.push(event);
        wake?.();
      });
      signal.addEventListener('abort', () => wake?.());
      return (async function* events() {
        try {
          while (!signal.aborted) {
            if (queue.length === 0) await arrival();
            yield* queue.splice(0);
          }
        } finally {
          open.delete(key);
        }
      })();
    },
  });
  return {
    clientFor,
    /** Which watches are open: `Pod`, `Event in shop-dev`, … */
    watching: () => [...open.keys()].sort(),
    push(key: string, event: RawWatchEvent) {
      open.get(key)!(event);
    },
  };
}

const labels = (component: string) => ({
  'app.kubernetes.io/managed-by': 'stagecraft',
  'stagecraft.dev/component': component,
});
const owner = (kind: string, name: string) => [
  { apiVersion: 'v1', kind, name, uid: name, controller: true },
];
const replicaSet = (name: string, deployment: string): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name,
    namespace: 'shop-dev',
    labels: labels(deployment),
    ownerReferences: owner('Deployment', deployment),
  },
});
const pod = (name: string, rs: string, component: string): KubernetesObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop-dev',
      labels: labels(component),
      ownerReferences: owner('ReplicaSet', rs),
    },
    spec: {
      nodeName: 'kwok-node-0',
      containers: [{ name: 'main', image: 'api:1' }],
    },
    status: { phase: 'Running' },
  } as KubernetesObject);
const event = (name: string, about: string): KubernetesObject =>
  ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: 'shop-dev' },
    involvedObject: { kind: 'Pod', name: about },
    type: 'Normal',
    reason: 'Started',
    message: 'Started container main',
    count: 1,
  } as KubernetesObject);

function cacheOn(cluster: ReturnType<typeof fakeCluster>) {
  const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
  return new RuntimeCache({
    clientFor: cluster.clientFor,
    logger,
    throttle: new WarningThrottle(logger.warn, 60_000),
    backoff: { initialMs: 1, maxMs: 4 },
    server: 'https://127.0.0.1:6443',
  });
}

/** Waits until the watch loops have caught up; a behaviour that never comes times the test out. */
async function until(condition: () => boolean) {
  while (!condition()) await new Promise(resolve => setImmediate(resolve));
}

describe('RuntimeCache', () => {
  it('finds a component’s pods with their owner chain and the events of their namespace', async () => {
    const cluster = fakeCluster({
      Pod: [
        pod('api-7d9f-a', 'api-7d9f', 'api'),
        pod('worker-5c4b-a', 'worker-5c4b', 'worker'),
      ],
      ReplicaSet: [replicaSet('api-7d9f', 'api')],
      'Event in shop-dev': [event('e1', 'api-7d9f-a')],
    });
    const cache = cacheOn(cluster);
    try {
      await expect(cache.ready(['shop-dev'], 5_000)).resolves.toBe(true);
      await until(() => cluster.watching().length === 4);

      const api = cache.objectsOf('shop-dev', 'api');

      expect(api.pods.map(p => [p.name, p.node, p.owners])).toEqual([
        [
          'api-7d9f-a',
          'kwok-node-0',
          [
            { kind: 'ReplicaSet', name: 'api-7d9f' },
            { kind: 'Deployment', name: 'api' },
          ],
        ],
      ]);
      expect(api.owners.map(o => o.name)).toEqual(['api-7d9f']);
      expect(api.events.map(e => e.object)).toEqual(['Pod api-7d9f-a']);
      expect(cluster.watching()).toEqual([
        'Event in shop-dev',
        'Job',
        'Pod',
        'ReplicaSet',
      ]);
    } finally {
      await cache.stop();
    }
    expect(cluster.watching()).toEqual([]);
  });

  it('follows namespaces: watches events where managed objects appear, stops where the last one left', async () => {
    const cluster = fakeCluster({});
    const cache = cacheOn(cluster);
    try {
      await cache.ready([], 5_000);
      await until(() => cluster.watching().length === 3);
      expect(cluster.watching()).toEqual(['Job', 'Pod', 'ReplicaSet']);

      const p = pod('api-7d9f-a', 'api-7d9f', 'api');
      cluster.push('Pod', { type: 'ADDED', object: p });
      await until(() => cluster.watching().includes('Event in shop-dev'));
      expect(cache.objectsOf('shop-dev', 'api').pods).toHaveLength(1);

      cluster.push('Pod', { type: 'DELETED', object: p });
      await until(() => !cluster.watching().includes('Event in shop-dev'));
      expect(cluster.watching()).toEqual(['Job', 'Pod', 'ReplicaSet']);
      expect(cache.objectsOf('shop-dev', 'api').pods).toEqual([]);
    } finally {
      await cache.stop();
    }
  });

  it('is not ready while the pods cannot be listed', async () => {
    const cache = cacheOn({
      clientFor: () => ({
        list: async () => {
          throw Object.assign(new Error('connect ECONNREFUSED'), {
            code: 'ECONNREFUSED',
          });
        },
        watch: async () => {
          throw new Error('unreachable');
        },
      }),
    } as unknown as ReturnType<typeof fakeCluster>);
    try {
      await expect(cache.ready([], 5_000)).resolves.toBe(false);
    } finally {
      await cache.stop();
    }
  });

  it('keeps a bounded number of events per namespace under a storm, the newest', async () => {
    const cluster = fakeCluster({
      Pod: [pod('api-7d9f-a', 'api-7d9f', 'api')],
    });
    const logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const cache = new RuntimeCache(
      {
        clientFor: cluster.clientFor,
        logger,
        throttle: new WarningThrottle(logger.warn, 60_000),
        backoff: { initialMs: 1, maxMs: 4 },
        server: 'https://127.0.0.1:6443',
      },
      50,
    );
    try {
      await cache.ready(['shop-dev'], 5_000);
      await until(() => cluster.watching().includes('Event in shop-dev'));
      for (let i = 0; i < 1000; i++)
        cluster.push('Event in shop-dev', {
          type: 'ADDED',
          object: event(`storm-${i}`, 'api-7d9f-a'),
        });
      cluster.push('Event in shop-dev', {
        type: 'ADDED',
        object: { ...event('last', 'api-7d9f-a'), reason: 'Last' } as never,
      });
      await until(() =>
        cache
          .objectsOf('shop-dev', 'api')
          .events.some(e => e.reason === 'Last'),
      );

      const events = cache.objectsOf('shop-dev', 'api').events;
      expect(events).toHaveLength(50);
      expect(events.filter(e => e.reason === 'Last')).toHaveLength(1);
    } finally {
      await cache.stop();
    }
  });
});
