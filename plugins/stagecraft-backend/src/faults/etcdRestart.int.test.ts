import { mockServices } from '@backstage/backend-test-utils';
import { AppsV1Api } from '@kubernetes/client-node';
import {
  describeWithCluster,
  ETCD,
  killClusterProcess,
  LocalCluster,
  relaunchClusterProcess,
  startLocalCluster,
} from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { ManagedObjectWatcher } from '../drift/ManagedObjectWatcher';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { convergedStateProblems } from './__testUtils__/convergedState';
import { printFaultReport } from './__testUtils__/faultReport';

const databases = createTestDatabases();
const OUTAGE_MS = 3_000;
const quietLogger = () => ({
  ...mockServices.logger.mock(),
  child: () => mockServices.logger.mock(),
});

describeWithCluster('etcd killed with SIGKILL and restarted', () => {
  // A cluster of its own: the shared one must stay up for the other test files.
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startLocalCluster({ mode: 'api' });
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('converges afterwards with nothing lost, and the drift watches see changes again', async () => {
    const project = `e${randomBytes(3).toString('hex')}`;
    const entities = [
      ...testCatalog(project),
      ...[...Array(10).keys()].map(n =>
        component(`job-${n}`, project, { type: 'worker', replicas: 1 }),
      ),
    ];
    const components = entities.filter(e => e.kind === 'Component');
    const knex = await databases.migrated('SQLITE_3');
    const kubeConfig = cluster.kubeConfig();
    const failures: string[] = [];
    let finished = 0;
    let onFinished = () => {};
    const h = createControlPlaneHarness({
      knex,
      entities,
      dataPlanes: new Map([
        [
          'local',
          new KubernetesDataPlane(
            'local',
            kubeConfig,
            new ServerSideApplier(kubeConfig),
          ),
        ],
      ]),
      logger: {
        ...quietLogger(),
        warn: (message: string) => failures.push(message),
      } as any,
      observer: {
        finished: () => {
          finished++;
          onFinished();
        },
      },
      options: { concurrency: 2, backoff: { baseMs: 200, maxMs: 1000 } },
    });
    // The drift watches as the plugin starts them: they must come back after the outage.
    const watcher = new ManagedObjectWatcher({
      kubeConfig,
      logger: quietLogger(),
      onEvent: event => h.controlPlane.onWatchEvent(event),
      backoff: { initialMs: 200, maxMs: 1000 },
    });
    h.controlPlane.start();
    await watcher.start();
    try {
      await h.triggerCatalog();
      await new Promise<void>(resolve => {
        onFinished = () => finished >= 2 && resolve();
      });
      const appliedBefore = finished;
      await killClusterProcess(cluster, ETCD);
      await new Promise(r => setTimeout(r, OUTAGE_MS));
      const relaunchedAt = Date.now();
      await relaunchClusterProcess(cluster, ETCD);
      const readyMs = Date.now() - relaunchedAt;

      const state = () =>
        convergedStateProblems({
          knex,
          kubeConfig,
          project,
          components,
          environment: 'dev',
        });
      const problems = await eventually(
        state,
        p => p.length === 0,
        'the state to converge after etcd returned',
        90_000,
      ).catch(() => state());
      const convergedMs = Date.now() - relaunchedAt;
      expect(problems).toEqual([]);
      // The outage came mid-sync. The API server holds requests while etcd is away, so a short
      // outage may fail no reconcile at all; the report says how many failed and were retried.
      expect(appliedBefore).toBeLessThan(components.length);
      const failed = failures.filter(w => /^reconcile of .+ failed/.test(w));

      // Drift after the outage: only a watch that re-established itself can see it (there is
      // no resync in this test).
      const apps = kubeConfig.makeApiClient(AppsV1Api);
      const namespace = `${project}-dev`;
      const before = await apps.readNamespacedDeployment({
        name: 'job-0',
        namespace,
      });
      const deletedAt = Date.now();
      await apps.deleteNamespacedDeployment({ name: 'job-0', namespace });
      await eventually(
        () => apps.readNamespacedDeployment({ name: 'job-0', namespace }),
        d => d.metadata?.uid !== before.metadata?.uid,
        'the deleted Deployment to be re-created',
        60_000,
      );
      const healedMs = Date.now() - deletedAt;

      printFaultReport({
        fault: `etcd killed with SIGKILL for ${OUTAGE_MS / 1000} s while ${
          components.length
        } deployments reconciled (${appliedBefore} applied before), then started again on its data directory`,
        checked: [
          `${failed.length} reconcile attempt(s) failed during the outage (and were retried)`,
          'one release and one deployment per component, synced at that release',
          'history: exactly one deploy per component',
          'every inventory object live; no live component object outside the inventories',
          'a Deployment deleted after the outage re-created through the drift watch',
        ],
        converged: { ms: convergedMs, from: 'etcd started again' },
        figures: {
          'API server /readyz ok after etcd started': `${readyMs} ms`,
          'drift healed after the outage in': `${healedMs} ms`,
        },
      });
    } finally {
      await watcher.stop();
      await h.controlPlane.stop();
    }
  }, 180_000);
});
