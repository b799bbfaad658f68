import { mockCredentials } from '@backstage/backend-test-utils';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { eventually } from '../__testUtils__/eventually';
import { testCatalog } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { ManagedObjectWatcher } from './ManagedObjectWatcher';

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const api = 'component:default/api';
const dev = { componentRef: api, environment: 'dev' };

describeWithCluster('drift records on the local cluster', () => {
  const project = `d${randomBytes(3).toString('hex')}`;
  const namespace = `${project}-dev`;
  const kubeConfig = () => testCluster().kubeConfig();
  const apps = () => kubeConfig().makeApiClient(AppsV1Api);

  afterAll(async () => {
    await kubeConfig()
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: namespace })
      .catch(() => undefined);
  });

  /** The control plane with its drift watch, as the backend wires them. */
  async function setUp() {
    const kc = kubeConfig();
    const harness = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: testCatalog(project),
      dataPlanes: new Map([
        [
          'local',
          new KubernetesDataPlane('local', kc, new ServerSideApplier(kc)),
        ],
      ]),
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

  /** Lets the watch deliver what the last writes caused, and any reconcile that queues. */
  async function settle(h: Awaited<ReturnType<typeof setUp>>) {
    await h.controlPlane.idle();
    await new Promise(resolve => setTimeout(resolve, 1_000));
    await h.controlPlane.idle();
  }

  it('records no drift for its own undeploy and deploy, and still one for a hand edit', async () => {
    const h = await setUp();
    try {
      await h.triggerCatalog();
      await settle(h);
      const deployed = await h.store.getInventory(api, 'dev');
      expect(deployed.length).toBeGreaterThan(1);

      await h.actions.undeploy(dev, ann);
      await settle(h);
      await eventually(
        () => apps().listNamespacedDeployment({ namespace }),
        list => !list.items.some(d => d.metadata?.name === 'api'),
        'the undeploy to delete the Deployment',
      );

      await h.actions.deploy(dev, ann);
      await settle(h);
      const redeployed = await eventually(
        () => h.actions.getDeployment(dev, ann),
        d =>
          d.desiredState === 'deployed' &&
          d.sync.observedGeneration === d.generation,
        'the deploy to be applied',
      );
      // Every object was created again by this deploy: none of that is drift.
      expect(await h.store.getInventory(api, 'dev')).toEqual(deployed);
      expect(redeployed.sync.reason).not.toMatch(/drift/);
      expect(await h.actions.listDrift(dev, ann)).toEqual([]);

      // A hand edit afterwards is drift, recorded once.
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
      await settle(h);
      expect(await h.actions.listDrift(dev, ann)).toEqual([
        expect.objectContaining({
          objectRef: `Deployment ${namespace}/api`,
          field: 'spec.replicas',
          oldValue: '2',
          newValue: '5',
          correctedAt: expect.any(Date),
        }),
      ]);
    } finally {
      await h.watcher.stop();
      await h.controlPlane.stop();
    }
  });
});
