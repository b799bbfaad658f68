import { mockCredentials } from '@backstage/backend-test-utils';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { eventually } from '../__testUtils__/eventually';
import { component, testCatalog } from '../__testUtils__/entities';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { RequestCounter } from '../kube/RequestCounter';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { ManagedObjectWatcher } from '../drift/ManagedObjectWatcher';

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const api = 'component:default/api';

describeWithCluster('the control plane on the local cluster', () => {
  // A project of its own per run: its namespaces are <project>-<environment>.
  const project = `p${randomBytes(3).toString('hex')}`;
  const kubeConfig = () => testCluster().kubeConfig();
  const apps = () => kubeConfig().makeApiClient(AppsV1Api);
  const core = () => kubeConfig().makeApiClient(CoreV1Api);
  const counter = new RequestCounter();

  async function setUp() {
    const kc = kubeConfig();
    const plane = new KubernetesDataPlane(
      'local',
      kc,
      new ServerSideApplier(kc, { counter }),
    );
    const harness = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: testCatalog(project),
      dataPlanes: new Map([['local', plane]]),
    });
    const watcher = new ManagedObjectWatcher({
      kubeConfig: kc,
      logger: { info() {}, warn() {}, error() {} } as any,
      onEvent: event => harness.controlPlane.onWatchEvent(event),
    });
    harness.controlPlane.start();
    await watcher.start();
    return { ...harness, watcher };
  }

  afterAll(async () => {
    for (const env of ['dev', 'staging']) {
      await core()
        .deleteNamespace({ name: `${project}-${env}` })
        .catch(() => undefined);
    }
  });

  it('deploys to dev, converges, stays write-free, promotes to staging and rolls back', async () => {
    const h = await setUp();
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const ready = await eventually(
        () =>
          h.actions.getDeployment(
            { componentRef: api, environment: 'dev' },
            ann,
          ),
        d => d.sync.state === 'synced' && d.replicas?.ready === 2,
        'api to be ready in dev',
      );
      expect(ready.replicas).toEqual({
        desired: 2,
        ready: 2,
        updated: 2,
        available: 2,
        old: 0,
      });
      expect(ready.urls).toEqual([]);

      // A resync with nothing changed writes nothing.
      counter.reset();
      await h.controlPlane.resync();
      await h.controlPlane.idle();
      expect(counter.counts()).toEqual({ get: expect.any(Number) });
      expect(counter.writes()).toBe(0);
      expect(counter.counts().get).toBeGreaterThan(0);

      const promoted = await h.actions.promote(
        { componentRef: api, from: 'dev' },
        ann,
      );
      expect(promoted.outcome).toBe('deployed');
      await h.controlPlane.idle();
      await eventually(
        () =>
          apps().readNamespacedDeployment({
            name: 'api',
            namespace: `${project}-staging`,
          }),
        d => d.status?.readyReplicas === 2,
        'api to be ready in staging',
      );

      // A new image in the catalog reaches dev only; a rollback brings the old one back.
      const [r1] = await h.actions.listReleases(api, ann);
      h.setEntities(
        testCatalog(project).map(e =>
          e.kind === 'Component' && e.metadata.name === 'api'
            ? component('api', project, {
                type: 'service',
                image: 'registry.example/api:2',
              })
            : e,
        ),
      );
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const image = async (env: string) =>
        (
          await apps().readNamespacedDeployment({
            name: 'api',
            namespace: `${project}-${env}`,
          })
        ).spec!.template.spec!.containers[0].image;
      expect(await image('dev')).toBe('registry.example/api:2');
      expect(await image('staging')).toBe('registry.example/api:1');
      await h.actions.rollback(
        { componentRef: api, environment: 'dev', releaseId: r1.id },
        ann,
      );
      await h.controlPlane.idle();
      expect(await image('dev')).toBe('registry.example/api:1');
    } finally {
      await h.watcher.stop();
      await h.controlPlane.stop();
    }
  });

  it('reverts a hand edit and recreates a deleted Service within seconds, recording the drift', async () => {
    const h = await setUp();
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const namespace = `${project}-dev`;
      const dev = { componentRef: api, environment: 'dev' };

      await apps().patchNamespacedDeployment({
        name: 'api',
        namespace,
        body: [{ op: 'replace', path: '/spec/replicas', value: 5 }],
      });
      await eventually(
        () => apps().readNamespacedDeployment({ name: 'api', namespace }),
        d => d.spec?.replicas === 2,
        'the hand-edited replicas to be reverted',
      );
      await core().deleteNamespacedService({ name: 'api', namespace });
      await eventually(
        () => core().readNamespacedService({ name: 'api', namespace }),
        s => s.metadata?.name === 'api',
        'the deleted Service to be recreated',
      );
      const drift = await eventually(
        () => h.actions.listDrift(dev, ann),
        d => d.length >= 2,
        'both drifts to be recorded',
      );
      expect(drift).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            objectRef: `Deployment ${namespace}/api`,
            field: 'spec.replicas',
            oldValue: '2',
            newValue: '5',
            correctedAt: expect.any(Date),
          }),
          expect.objectContaining({
            objectRef: `Service ${namespace}/api`,
            field: '(object)',
            newValue: 'deleted',
          }),
        ]),
      );
      await expect(h.actions.getDeployment(dev, ann)).resolves.toMatchObject({
        sync: { state: expect.stringMatching(/synced|progressing/) },
      });
    } finally {
      await h.watcher.stop();
      await h.controlPlane.stop();
    }
  });

  it('marks an invalid intent failed with its reason and applies nothing of it', async () => {
    const h = await setUp();
    try {
      const broken = `broken${randomBytes(2).toString('hex')}`;
      h.setEntities([
        ...testCatalog(project),
        component(broken, project, { type: 'service', replicas: 500 }),
      ]);
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const status = await h.actions.getDeployment(
        { componentRef: `component:default/${broken}`, environment: 'dev' },
        ann,
      );
      expect(status.sync).toMatchObject({
        state: 'failed',
        reason: expect.stringContaining('replicas'),
      });
      const deployments = await apps().listNamespacedDeployment({
        namespace: `${project}-dev`,
      });
      expect(deployments.items.map(d => d.metadata!.name)).not.toContain(
        broken,
      );
      await expect(
        h.store.getInventory(`component:default/${broken}`, 'dev'),
      ).resolves.toEqual([]);
    } finally {
      await h.watcher.stop();
      await h.controlPlane.stop();
    }
  });
});
