import { mockServices } from '@backstage/backend-test-utils';
import { CoreV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { migrate } from '../database/migrate';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { convergedStateProblems } from './__testUtils__/convergedState';
import { printFaultReport } from './__testUtils__/faultReport';
import { LocalPostgres } from './__testUtils__/LocalPostgres';

const OUTAGE_MS = 2_000;

describeWithCluster('PostgreSQL restarted while reconciles run', () => {
  const project = `p${randomBytes(3).toString('hex')}`;
  // A server of this test's own: restarting the shared one would cut other test files' work.
  let pg: LocalPostgres;
  let knex: Knex;
  beforeAll(async () => {
    pg = await LocalPostgres.start();
    knex = knexFactory({ client: 'pg', connection: pg.connection });
    await migrate(knex);
  }, 60_000);
  afterAll(async () => {
    await knex?.destroy();
    await pg?.destroy();
    await testCluster()
      .kubeConfig()
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: `${project}-dev` })
      .catch(() => undefined);
  });

  it('fails the reconciles the outage cuts, then converges with nothing lost or repeated', async () => {
    const entities = [
      ...testCatalog(project),
      ...[...Array(12).keys()].map(n =>
        component(`job-${n}`, project, { type: 'worker', replicas: 1 }),
      ),
    ];
    const components = entities.filter(e => e.kind === 'Component');
    const warnings: string[] = [];
    let finished = 0;
    let onFinished = () => {};
    const kubeConfig = testCluster().kubeConfig();
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
        ...mockServices.logger.mock(),
        warn: (message: string) => warnings.push(message),
      } as any,
      observer: {
        finished: () => {
          finished++;
          onFinished();
        },
      },
      options: { concurrency: 2 },
    });
    h.controlPlane.start();
    try {
      await h.triggerCatalog();
      await new Promise<void>(resolve => {
        onFinished = () => finished >= 2 && resolve();
      });
      const appliedBefore = finished;
      await pg.stopServer('immediate');
      await new Promise(r => setTimeout(r, OUTAGE_MS));
      await pg.startServer();
      const backAt = Date.now();

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
        'the state to converge after the restart',
        90_000,
      ).catch(() => state());
      const convergedMs = Date.now() - backAt;
      expect(problems).toEqual([]);
      // The outage did cut reconciles: they failed and were retried.
      const failed = warnings.filter(w => /^reconcile of .+ failed/.test(w));
      expect(failed.length).toBeGreaterThan(0);

      printFaultReport({
        fault: `PostgreSQL stopped (immediate shutdown, connections cut) for ${
          OUTAGE_MS / 1000
        } s while ${
          components.length
        } deployments reconciled (${appliedBefore} applied before), then started again`,
        checked: [
          `${failed.length} reconcile attempt(s) failed during the outage and were retried`,
          'one release and one deployment per component, synced at that release',
          'history: exactly one deploy per component',
          'every inventory object live; no live component object outside the inventories',
        ],
        converged: { ms: convergedMs, from: 'PostgreSQL answering again' },
      });
    } finally {
      await h.controlPlane.stop();
    }
  }, 150_000);
});
