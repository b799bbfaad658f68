import { KubernetesObject } from '@kubernetes/client-node';
import {
  RawWatchEvent,
  ResourceClient,
  WatchScope,
} from '@stagecraft/plugin-stagecraft-backend/src/kube/ResourceClient';
import { RuntimeCache } from '@stagecraft/plugin-stagecraft-backend/src/runtime/RuntimeCache';
import { WarningThrottle } from '@stagecraft/plugin-stagecraft-backend/src/watch/WarningThrottle';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What the cache kept and cost after a storm fed straight into its watches. */
export interface CacheStormFigures {
  events: number;
  perSecond: number;
  keptEvents: number;
  /** Heap after a full GC, before the storm and after it (bytes). */
  heapBefore: number;
  heapAfter: number;
}

const NAMESPACE = 'shop-dev';
const labels = {
  'app.kubernetes.io/managed-by': 'stagecraft',
  'stagecraft.dev/component': 'api',
};

/** A full garbage collection, then the heap in use. */
function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}

/** A watch stream the storm pushes into, per scope; lists are empty but for one pod. */
function scriptedCluster() {
  const pushers = new Map<string, (event: RawWatchEvent) => void>();
  const pod: KubernetesObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-1', namespace: NAMESPACE, labels },
  };
  const clientFor = (scope: WatchScope): ResourceClient => ({
    list: async kind => ({
      items: kind.kind === 'Pod' ? [pod] : [],
      resourceVersion: '1',
    }),
    async watch(kind, _version, signal) {
      const queue: RawWatchEvent[] = [];
      let wake: (() => void) | undefined;
      const arrival = () =>
        new Promise<void>(resolve => {
          wake = resolve;
        });
      pushers.set(`${kind.kind}${scope.namespace ?? ''}`, event => {
        queue.push(event);
        wake?.();
      });
      signal.addEventListener('abort', () => wake?.());
      return (async function* stream() {
        while (!signal.aborted) {
          if (queue.length === 0) await arrival();
          yield* queue.splice(0);
        }
      })();
    },
  });
  return { clientFor, pushers };
}

/**
 * The runtime cache's side of a pod-event storm without the API server in the way (on a busy
 * machine the local API server stores a few dozen writes a second): `total` Events about a pod,
 * each a new object as a storm of them is, pushed into the cache's event watch in batches, then
 * what the cache kept and the heap it holds after a full GC. `maxEventsPerNamespace` Infinity
 * shows the cache before it was bounded.
 */
export async function cacheStorm(
  total: number,
  maxEventsPerNamespace?: number,
): Promise<CacheStormFigures> {
  const cluster = scriptedCluster();
  const logger = { info: () => {}, warn: () => {}, error: () => {} };
  const cache = new RuntimeCache(
    {
      clientFor: cluster.clientFor,
      logger,
      throttle: new WarningThrottle(() => {}, 60_000),
      backoff: { initialMs: 10, maxMs: 100 },
      server: 'https://127.0.0.1:0',
    },
    maxEventsPerNamespace,
  );
  try {
    await cache.ready([NAMESPACE], 10_000);
    for (let i = 0; i < 100 && !cluster.pushers.has(`Event${NAMESPACE}`); i++)
      await new Promise(r => setTimeout(r, 10));
    const push = cluster.pushers.get(`Event${NAMESPACE}`);
    if (!push) throw new Error('the cache did not watch the namespace events');
    const heapBefore = heapAfterGc();
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      push({
        type: 'ADDED',
        object: {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name: `api-1.storm-${i}`, namespace: NAMESPACE },
          involvedObject: { kind: 'Pod', name: 'api-1' },
          reason: 'BackOff',
          message: `Back-off restarting failed container main (storm event ${i})`,
          type: 'Warning',
          count: 1,
          lastTimestamp: new Date().toISOString(),
        } as KubernetesObject,
      });
      if (i % 1000 === 999) await new Promise(r => setImmediate(r));
    }
    // Let the watch loop apply what is queued.
    for (let i = 0; i < 1000; i++) {
      const kept = cache.objectsOf(NAMESPACE, 'api').events;
      if (kept.some(e => e.message.endsWith(`event ${total - 1})`))) break;
      await new Promise(r => setImmediate(r));
    }
    const elapsed = performance.now() - started;
    const keptEvents = cache.objectsOf(NAMESPACE, 'api').events.length;
    return {
      events: total,
      perSecond: total / (elapsed / 1000),
      keptEvents,
      heapBefore,
      heapAfter: heapAfterGc(),
    };
  } finally {
    await cache.stop();
  }
}
