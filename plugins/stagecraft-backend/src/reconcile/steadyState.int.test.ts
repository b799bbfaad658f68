import { mockCredentials } from '@backstage/backend-test-utils';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { MANAGED_KINDS } from '@stagecraft/plugin-stagecraft-node';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { eventually } from '../__testUtils__/eventually';
import { testCatalog } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { applySet } from '../apply/applySet';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { ManagedObjectWatcher } from '../drift/ManagedObjectWatcher';
import { RequestCounter } from '../kube/RequestCounter';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { planStoredDeployment } from '../plan/planStoredDeployment';
import { ManagedObjectEvent } from '../watch/ManagedObjectEvent';

const databases = createTestDatabases();
const quiet = { info() {}, warn() {}, error() {} };
const ann = { credentials: mockCredentials.user('user:default/ann') };
const api = 'component:default/api';

/**
 * Issue 18 item 1: a resync at rest is answered from the drift watches' cache (no request at
 * all), yet an edit made behind Stagecraft's back is still seen and healed, and a cache that
 * is not current is never taken for the cluster's state.
 */
describeWithCluster('a resync at rest on the local cluster', () => {
  const project = `s${randomBytes(3).toString('hex')}`;
  const namespace = `${project}-dev`;
  const kubeConfig = () => testCluster().kubeConfig();
  const apps = () => kubeConfig().makeApiClient(AppsV1Api);
  const core = () => kubeConfig().makeApiClient(CoreV1Api);

  /**
   * A control plane whose applier's cache a watcher keeps; the watcher hands events to the
   * control plane only when `drift` is on, so a test can prove the resync alone heals.
   */
  async function setUp(o: { drift: boolean }) {
    const kc = kubeConfig();
    const counter = new RequestCounter();
    const statusReads = new RequestCounter();
    const applier = new ServerSideApplier(kc, { counter });
    const harness = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: testCatalog(project),
      dataPlanes: new Map([
        [
          'local',
          new KubernetesDataPlane('local', kc, applier, {
            counter: statusReads,
          }),
        ],
      ]),
    });
    const watcher = new ManagedObjectWatcher({
      kubeConfig: kc,
      logger: quiet,
      onEvent: (event: ManagedObjectEvent) => {
        if (o.drift) harness.controlPlane.onWatchEvent(event);
      },
      liveState: applier.liveState,
    });
    harness.controlPlane.start();
    await watcher.start();
    const resync = async () => {
      counter.reset();
      const queued = await harness.controlPlane.resync();
      await harness.controlPlane.idle();
      return { queued, requests: counter.counts(), writes: counter.writes() };
    };
    const stop = async () => {
      await watcher.stop();
      await harness.controlPlane.stop();
    };
    return {
      ...harness,
      applier,
      counter,
      statusReads,
      watcher,
      resync,
      stop,
    };
  }

  afterAll(async () => {
    for (const env of ['dev', 'staging'])
      await core()
        .deleteNamespace({ name: `${project}-${env}` })
        .catch(() => undefined);
  });

  it('makes no request at all, and heals an out-of-band edit it learns of from the watch', async () => {
    const h = await setUp({ drift: false });
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      // The first resync after the deploy may still read what the watch has not delivered.
      await eventually(
        () => h.resync(),
        r => r.queued === 0,
        'the deployments to be at rest',
      );
      await expect(h.resync()).resolves.toEqual({
        queued: 0,
        requests: {},
        writes: 0,
      });

      await apps().patchNamespacedDeployment({
        name: 'api',
        namespace,
        body: [{ op: 'replace', path: '/spec/replicas', value: 5 }],
      });
      // Nothing but the resync reconciles here (the watcher only feeds the cache): once the
      // watch has delivered the edit, the resync finds it and applies the Deployment.
      const healing = await eventually(
        () => h.resync(),
        r => r.writes > 0,
        'a resync to find the edited Deployment',
      );
      expect(healing).toMatchObject({ queued: 1, writes: 1 });
      const live = await apps().readNamespacedDeployment({
        name: 'api',
        namespace,
      });
      expect(live.spec?.replicas).toBe(2);
      await expect(
        h.actions.listDrift({ componentRef: api, environment: 'dev' }, ann),
      ).resolves.toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'spec.replicas', newValue: '5' }),
        ]),
      );
    } finally {
      await h.stop();
    }
  });

  it('answers a status read at rest from the watches, and reads live once the Deployment changes', async () => {
    const h = await setUp({ drift: true });
    const key = { componentRef: api, environment: 'dev' };
    /** A status read and the requests it made. */
    const read = async () => {
      h.statusReads.reset();
      const status = await h.actions.getDeployment(key, ann);
      return { state: status.sync.state, requests: h.statusReads.counts() };
    };
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      // kwok runs the pods; the first reads are live until one sees the rollout done. The read
      // that first sees it done may be ahead of the watch (it remembers the versions the watch
      // knew before it read), and the Deployment's status can still move once (its Available
      // condition), so the read after it may be live once more before the reads make none.
      await eventually(read, r => r.state === 'synced', 'api@dev synced');
      await eventually(
        read,
        r => r.state === 'synced' && Object.keys(r.requests).length === 0,
        'a status read at rest answered from the watches',
      );

      // Someone scales it: the Deployment's version changes, so the next read is live again
      // (and the drift watch puts the replicas back, another change).
      await apps().patchNamespacedDeployment({
        name: 'api',
        namespace,
        body: [{ op: 'replace', path: '/spec/replicas', value: 3 }],
      });
      await eventually(
        read,
        r => Object.keys(r.requests).length > 0,
        'a live status read after the scale',
      );
      // Settled again: served from the watches once more.
      await eventually(
        read,
        r => r.state === 'synced' && Object.keys(r.requests).length === 0,
        'status at rest again',
      );
    } finally {
      await h.stop();
    }
  });

  it('reads live while the cache is not current, and never takes it for "absent"', async () => {
    const h = await setUp({ drift: true });
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const inventory = await h.store.getInventory(api, 'dev');
      const plan = await planStoredDeployment({
        store: h.store,
        catalog: new CatalogSnapshot(testCatalog(project)),
        deployment: (await h.store.getDeployment(api, 'dev'))!,
      });
      if (!plan?.valid) throw new Error('api@dev does not plan');
      const { manifests } = plan;

      // A second applier whose cache has not finished its first list: it knows no object,
      // which must not mean "absent". Everything is read, nothing written.
      const counter = new RequestCounter();
      const fresh = new ServerSideApplier(kubeConfig(), { counter });
      fresh.liveState.attach({
        kinds: MANAGED_KINDS,
        current: () => false,
      });
      const unsynced = await applySet({
        applier: fresh,
        manifests,
        previous: inventory,
      });
      expect(unsynced.changes.map(c => c.action)).toEqual(
        manifests.map(() => 'unchanged'),
      );
      // Reads only (client-node's discovery of each kind among them).
      expect(Object.keys(counter.counts())).toEqual(['get']);
      expect(counter.counts().get).toBeGreaterThanOrEqual(manifests.length);

      // Its watcher stopped: the cache it filled answers nothing any more.
      await h.watcher.stop();
      counter.reset();
      const stopped = await h.resync();
      expect(stopped.writes).toBe(0);
      expect(stopped.requests.get).toBeGreaterThan(0);
    } finally {
      await h.stop();
    }
  });
});
