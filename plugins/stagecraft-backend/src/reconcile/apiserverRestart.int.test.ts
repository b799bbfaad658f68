import { mockServices } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AppsV1Api } from '@kubernetes/client-node';
import {
  describeWithCluster,
  LocalCluster,
  startLocalCluster,
} from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { eventually } from '../__testUtils__/eventually';
import { component, testCatalog } from '../__testUtils__/entities';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { printFaultReport } from '../faults/__testUtils__/faultReport';

const databases = createTestDatabases();
const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Polls until `probe` returns a value; the deadline only bounds a hung test. */
describeWithCluster('the control plane across a kube-apiserver restart', () => {
  // A cluster of its own: the shared one must stay up for the other test files.
  let cluster: LocalCluster;
  beforeAll(async () => {
    cluster = await startLocalCluster({ mode: 'api' });
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('fails the reconciles the outage interrupts, then converges with one deploy each in history', async () => {
    const project = `o${randomBytes(3).toString('hex')}`;
    const entities = [
      ...testCatalog(project),
      ...[...Array(8).keys()].map(n =>
        component(`job-${n}`, project, { type: 'worker', replicas: 1 }),
      ),
    ];
    const components = entities.filter(e => e.kind === 'Component');
    const failures: string[] = [];
    let firstApplied: () => void = () => {};
    const applied = new Promise<void>(resolve => (firstApplied = resolve));
    const kubeConfig = cluster.kubeConfig();
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
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
      // The queue reports every failed reconcile as a warning.
      logger: {
        ...mockServices.logger.mock(),
        warn: (message: string) => failures.push(message),
      } as any,
      observer: { finished: () => firstApplied() },
      options: { backoff: { baseMs: 200, maxMs: 1000 } },
    });
    h.controlPlane.start();
    try {
      await h.triggerCatalog();

      // The first deployment is applied, the others are running or queued: the outage interrupts
      // applies in flight and fails the reconciles that start while it lasts.
      await applied;
      await cluster.stopApiServer();
      const failure = await eventually(
        async () => failures.at(0),
        f => f !== undefined,
        'a reconcile to fail',
        60_000,
      );
      const failedRef = /^reconcile of (.+)@dev failed/.exec(failure!)![1];
      await expect(h.status.get(failedRef, 'dev')).resolves.toMatchObject({
        state: 'failed',
        reason: expect.stringContaining('sync to kubernetes target "local"'),
      });
      // Long enough for retries to fail again and back off.
      await delay(1500);
      const relaunchedAt = Date.now();
      await cluster.startApiServer();
      const readyMs = Date.now() - relaunchedAt;

      for (const entity of components) {
        const ref = stringifyEntityRef(entity);
        const { releaseId } = (await h.store.getDeployment(ref, 'dev'))!;
        await eventually(
          () => h.status.get(ref, 'dev'),
          status =>
            status?.state === 'synced' &&
            status.lastAppliedReleaseId === releaseId,
          `${ref} to be synced`,
          60_000,
        );
        const history = await h.store.listHistory(ref);
        expect(
          history.map(e => ({
            action: e.action,
            environment: e.environment,
            releaseId: e.releaseId,
          })),
        ).toEqual([{ action: 'deploy', environment: 'dev', releaseId }]);
      }
      const live = await kubeConfig
        .makeApiClient(AppsV1Api)
        .listNamespacedDeployment({ namespace: `${project}-dev` });
      expect(live.items.map(d => d.metadata!.name).sort()).toEqual(
        components.map(e => e.metadata.name).sort(),
      );
      printFaultReport({
        fault: `kube-apiserver stopped mid-apply (${failures.length} reconcile attempt(s) failed), started again after 1.5 s`,
        checked: [
          'the interrupted reconciles failed with a clear status, then synced',
          'history: exactly one deploy per component; every Deployment live',
        ],
        converged: {
          ms: Date.now() - relaunchedAt,
          from: 'the API server process started again',
        },
        figures: { 'its /readyz ok after': `${readyMs} ms` },
      });
    } finally {
      await h.controlPlane.stop();
    }
  }, 120_000);
});
