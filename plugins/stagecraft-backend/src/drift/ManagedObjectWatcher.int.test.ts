import {
  ApiextensionsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { WATCHED_KINDS } from '@stagecraft/plugin-stagecraft-node';
import {
  describeWithCluster,
  LocalCluster,
  LoopbackProxy,
  startLocalCluster,
  testCluster,
  toKubeConfig,
  useTestNamespace,
} from '@stagecraft/test-cluster';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagedObjectEvent } from '../watch/ManagedObjectEvent';
import { ManagedObjectWatcher } from './ManagedObjectWatcher';
import { formatKind } from '../kube/watchedKinds';
import { OpenResourceTracker } from '../__testUtils__/OpenResourceTracker';

const managed = { 'app.kubernetes.io/managed-by': 'stagecraft' };
/** Short waits keep the tests quick; the behaviour is the same as with the 1 s → 30 s default. */
const backoff = { initialMs: 50, maxMs: 300 };

/** Collects items and lets a test wait, without polling, until they satisfy a condition. */
class Recorder<T> {
  readonly items: T[] = [];
  private waiters: { test: (items: T[]) => boolean; resolve: () => void }[] =
    [];

  push = (item: T): void => {
    this.items.push(item);
    this.waiters = this.waiters.filter(waiter => {
      if (!waiter.test(this.items)) return true;
      waiter.resolve();
      return false;
    });
  };

  until(test: (items: T[]) => boolean): Promise<void> {
    if (test(this.items)) return Promise.resolve();
    return new Promise(resolve => this.waiters.push({ test, resolve }));
  }
}

interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** A watcher whose events (`TYPE Kind name`, limited to `namespace`) and logs are recorded. */
/** What `recordedWatcher` logs when its `onReconnected` is called. */
const RECONNECTED = '(onReconnected)';

function recordedWatcher(
  kubeConfig: KubeConfig,
  namespace: () => string,
  onEvent: (event: ManagedObjectEvent) => void = () => {},
) {
  const events = new Recorder<string>();
  const logs = new Recorder<LogEntry>();
  const log = (level: LogEntry['level']) => (message: string) =>
    logs.push({ level, message });
  const watcher = new ManagedObjectWatcher({
    kubeConfig,
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    onEvent: event => {
      const { kind, metadata } = event.object;
      // Other tests share the cluster; only this test's namespace is ours to assert on.
      if (metadata?.namespace !== namespace()) return;
      events.push(`${event.type} ${kind} ${metadata.name}`);
      onEvent(event);
    },
    onReconnected: () => logs.push({ level: 'info', message: RECONNECTED }),
    backoff,
  });
  const warnings = (pattern: RegExp) =>
    logs.items.filter(e => e.level === 'warn' && pattern.test(e.message));
  return { watcher, events, logs, warnings };
}

/**
 * Keeps an outage going long enough for every kind to retry against the refused port several
 * times (the test backoff caps at 300 ms), so what the log says about retries means something.
 */
const letRetriesRun = () =>
  new Promise(resolve => setTimeout(resolve, 4 * backoff.maxMs));

const has = (wanted: string) => (items: string[]) => items.includes(wanted);

/** Retries `attempt` until it succeeds: for objects of a CRD the server is still establishing. */
async function retrying<T>(attempt: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}

describeWithCluster('ManagedObjectWatcher', () => {
  describe('on the shared cluster', () => {
    const namespace = useTestNamespace('watcher');
    const core = () => testCluster().kubeConfig().makeApiClient(CoreV1Api);
    let running: ManagedObjectWatcher | undefined;
    afterEach(() => running?.stop());

    it('reports a labelled object from creation to deletion and never an unlabelled one', async () => {
      const { watcher, events } = recordedWatcher(
        testCluster().kubeConfig(),
        namespace,
      );
      running = watcher;
      await watcher.start();
      expect(watcher.synced()).toBe(true);

      await core().createNamespacedConfigMap({
        namespace: namespace(),
        body: { metadata: { name: 'watched', labels: managed } },
      });
      await core().createNamespacedConfigMap({
        namespace: namespace(),
        body: { metadata: { name: 'unlabelled' } },
      });
      await core().patchNamespacedConfigMap({
        name: 'watched',
        namespace: namespace(),
        body: [{ op: 'add', path: '/data', value: { value: '2' } }],
      });
      await core().deleteNamespacedConfigMap({
        name: 'watched',
        namespace: namespace(),
      });

      await events.until(has('DELETED ConfigMap watched'));
      // One stream per kind keeps order: an unlabelled object would have shown up before the patch.
      expect(events.items).toEqual([
        'ADDED ConfigMap watched',
        'MODIFIED ConfigMap watched',
        'DELETED ConfigMap watched',
      ]);
    });

    it('resumes after stop() and start() with what changed while it was stopped', async () => {
      const { watcher, events } = recordedWatcher(
        testCluster().kubeConfig(),
        namespace,
      );
      running = watcher;
      await watcher.start();
      await core().createNamespacedConfigMap({
        namespace: namespace(),
        body: { metadata: { name: 'before', labels: managed } },
      });
      await events.until(has('ADDED ConfigMap before'));

      await watcher.stop();
      await core().deleteNamespacedConfigMap({
        name: 'before',
        namespace: namespace(),
      });
      await core().createNamespacedConfigMap({
        namespace: namespace(),
        body: { metadata: { name: 'after', labels: managed } },
      });
      await watcher.start();

      await events.until(items => items.length >= 3);
      expect(events.items).toEqual([
        'ADDED ConfigMap before',
        'DELETED ConfigMap before',
        'ADDED ConfigMap after',
      ]);
    });

    it('logs an exception from onEvent and keeps delivering', async () => {
      const { watcher, events, logs } = recordedWatcher(
        testCluster().kubeConfig(),
        namespace,
        event => {
          if (event.object.metadata?.name === 'first') throw new Error('boom');
        },
      );
      running = watcher;
      await watcher.start();

      for (const name of ['first', 'second']) {
        await core().createNamespacedConfigMap({
          namespace: namespace(),
          body: { metadata: { name, labels: managed } },
        });
      }

      await events.until(has('ADDED ConfigMap second'));
      expect(logs.items.filter(e => e.level === 'error')).toEqual([
        {
          level: 'error',
          message: `handling ADDED of ConfigMap ${namespace()}/first failed`,
        },
      ]);
    });
  });

  describe('on a cluster of its own', () => {
    let cluster: LocalCluster;
    let dir: string;
    let namespace = '';
    const unhandled: unknown[] = [];
    const recordUnhandled = (reason: unknown) => unhandled.push(reason);
    let running: ManagedObjectWatcher | undefined;
    let tracker: OpenResourceTracker | undefined;

    beforeAll(async () => {
      process.on('unhandledRejection', recordUnhandled);
      // Our own directory outlives cluster.stop(), so the CA file stays readable and a stopped
      // API server shows up as a refused connection, not as a missing file.
      dir = await mkdtemp(join(tmpdir(), 'stagecraft-watcher-'));
      cluster = await startLocalCluster({ mode: 'api', dir });
    }, 120_000);
    afterAll(async () => {
      await cluster?.stop();
      await rm(dir, { recursive: true, force: true });
      process.off('unhandledRejection', recordUnhandled);
    });
    beforeEach(async () => {
      namespace = `own-${Math.random().toString(16).slice(2, 10)}`;
      await cluster
        .kubeConfig()
        .makeApiClient(CoreV1Api)
        .createNamespace({ body: { metadata: { name: namespace } } });
    });
    afterEach(async () => {
      await running?.stop();
      tracker?.dispose();
      tracker = undefined;
      if (unhandled.length > 0) {
        throw new Error(`unhandled rejections: ${unhandled.join('; ')}`);
      }
    });
    const createConfigMap = (name: string) =>
      cluster
        .kubeConfig()
        .makeApiClient(CoreV1Api)
        .createNamespacedConfigMap({
          namespace,
          body: { metadata: { name, labels: managed } },
        });

    it('skips HTTPRoute while its CRD is missing, watches the rest, and picks it up once installed', async () => {
      const { watcher, events, logs, warnings } = recordedWatcher(
        cluster.kubeConfig(),
        () => namespace,
      );
      running = watcher;
      await watcher.start();
      expect(watcher.synced()).toBe(true);
      expect(warnings(/HTTPRoute/).map(e => e.message)).toEqual([
        expect.stringMatching(
          /^HTTPRoute \(gateway\.networking\.k8s\.io\/v1\) is not served by https:\/\/127\.0\.0\.1:\d+ \(is its CRD installed\?\)/,
        ),
      ]);

      await createConfigMap('alongside');
      await events.until(has('ADDED ConfigMap alongside'));

      await installHttpRouteCrd(cluster.kubeConfig());
      await retrying(() =>
        cluster
          .kubeConfig()
          .makeApiClient(CustomObjectsApi)
          .createNamespacedCustomObject({
            group: 'gateway.networking.k8s.io',
            version: 'v1',
            plural: 'httproutes',
            namespace,
            body: {
              apiVersion: 'gateway.networking.k8s.io/v1',
              kind: 'HTTPRoute',
              metadata: { name: 'route', labels: managed },
              spec: {},
            },
          }),
      );
      await events.until(has('ADDED HTTPRoute route'));
      // A fresh CRD may answer 429 for a moment; that is retried, not a second "not served".
      expect(warnings(/is not served/)).toHaveLength(1);
      expect(logs.items).toContainEqual({
        level: 'info',
        message:
          'HTTPRoute (gateway.networking.k8s.io/v1) is served now; watching it',
      });
    });

    it('leaves no sockets or timers behind once stopped', async () => {
      const { watcher } = recordedWatcher(
        cluster.kubeConfig(),
        () => namespace,
      );
      running = watcher;
      tracker = new OpenResourceTracker();
      await tracker.run(() => watcher.start());
      // Its watches are open: the tracker sees what the watcher opened.
      expect(await tracker.stillOpen(0)).toContain('TCPWRAP');

      await tracker.run(() => watcher.stop());
      expect(await tracker.stillOpen()).toEqual([]);
      // And stays so: a retry loop that outlived stop() holds a timer, then a connection, with
      // moments of neither between them.
      await letRetriesRun();
      expect(await tracker.stillOpen(0)).toEqual([]);
    });

    it('keeps retrying while the API server is unreachable, warns once, and reports what changed meanwhile', async () => {
      const proxy = new LoopbackProxy(Number(new URL(cluster.server).port));
      await proxy.open();
      const { watcher, events, logs, warnings } = recordedWatcher(
        toKubeConfig({
          server: `https://127.0.0.1:${proxy.port}`,
          caFile: cluster.caFile,
          token: cluster.token,
        }),
        () => namespace,
      );
      running = watcher;
      const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
      try {
        await watcher.start();
        await createConfigMap('kept');
        await createConfigMap('dropped');
        await events.until(has('ADDED ConfigMap dropped'));

        await proxy.cut();
        await logs.until(entries =>
          entries.some(e => /is unreachable/.test(e.message)),
        );
        // Changes the watcher cannot see while it is cut off.
        await core.patchNamespacedConfigMap({
          name: 'kept',
          namespace,
          body: [{ op: 'add', path: '/data', value: { during: 'outage' } }],
        });
        await core.deleteNamespacedConfigMap({ name: 'dropped', namespace });
        await createConfigMap('born');

        await letRetriesRun();

        await proxy.open();
        // Every kind the cluster always serves lost its watch, retried and is back.
        const resumedKinds = WATCHED_KINDS.filter(k => k.kind !== 'HTTPRoute');
        const resumed = (entries: LogEntry[]) =>
          resumedKinds.map(kind =>
            entries.find(e =>
              e.message.startsWith(`${formatKind(kind)}: watching again after`),
            ),
          );
        await logs.until(entries => resumed(entries).every(Boolean));
        const failedAttempts = resumed(logs.items).map(e =>
          Number(/after (\d+) failed/.exec(e?.message ?? '')?.[1]),
        );
        expect(Math.min(...failedAttempts)).toBeGreaterThan(1);
        // Current again once every kind is back: reported once for the outage, not per kind.
        await logs.until(entries =>
          entries.some(e => e.message === RECONNECTED),
        );
        await events.until(items => items.length >= 5);
        expect(events.items.slice(2).sort()).toEqual([
          'ADDED ConfigMap born',
          'DELETED ConfigMap dropped',
          'MODIFIED ConfigMap kept',
        ]);
        // Ten kinds failed again and again; the log says so once.
        expect(warnings(/is unreachable/)).toHaveLength(1);
        expect(logs.items.filter(e => e.message === RECONNECTED)).toHaveLength(
          1,
        );
      } finally {
        await watcher.stop();
        await proxy.cut();
      }
    });

    // Last: it stops the cluster for good.
    it('survives its API server being stopped, logging instead of throwing', async () => {
      const { watcher, logs, warnings } = recordedWatcher(
        cluster.kubeConfig(),
        () => namespace,
      );
      running = watcher;
      await watcher.start();

      await cluster.stop();
      await logs.until(entries =>
        entries.some(e => /is unreachable/.test(e.message)),
      );
      await letRetriesRun();

      expect(warnings(/is unreachable/)).toHaveLength(1);
      await expect(watcher.stop()).resolves.toBeUndefined();
      expect(logs.items.filter(e => e.level === 'error')).toEqual([]);
    });
  });
});

async function installHttpRouteCrd(kubeConfig: KubeConfig): Promise<void> {
  await kubeConfig
    .makeApiClient(ApiextensionsV1Api)
    .createCustomResourceDefinition({
      body: {
        metadata: {
          name: 'httproutes.gateway.networking.k8s.io',
          // *.k8s.io groups require this annotation; "unapproved" marks a stand-in honestly.
          annotations: {
            'api-approved.kubernetes.io': 'unapproved, test stand-in',
          },
        },
        spec: {
          group: 'gateway.networking.k8s.io',
          scope: 'Namespaced',
          names: {
            kind: 'HTTPRoute',
            listKind: 'HTTPRouteList',
            plural: 'httproutes',
            singular: 'httproute',
          },
          versions: [
            {
              name: 'v1',
              served: true,
              storage: true,
              schema: {
                openAPIV3Schema: {
                  type: 'object',
                  x_kubernetes_preserve_unknown_fields: true,
                },
              },
            },
          ],
        },
      },
    });
}
