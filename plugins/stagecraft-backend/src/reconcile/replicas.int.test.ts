import { mockServices } from '@backstage/backend-test-utils';
import { CoreV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { deploymentKeyString } from '../deployment/DeploymentKey';

const databases = createTestDatabases();

interface Span {
  key: string;
  holder: string;
  start: number;
  end?: number;
}

/**
 * A second connection pool to the same database, as a second backend process would have.
 * Only PostgreSQL (required in CI) gets one; an in-memory SQLite database cannot be shared
 * between pools, so on SQLite both replicas use one pool.
 */
function secondPool(first: Knex): { knex: Knex; close: () => Promise<void> } {
  const config = first.client.config as Knex.Config;
  if (config.client !== 'pg') return { knex: first, close: async () => {} };
  const knex = knexFactory({ client: 'pg', connection: config.connection });
  return { knex, close: () => knex.destroy() };
}

describeWithCluster(
  'two control-plane replicas sharing a database and a cluster',
  () => {
    const project = `r${randomBytes(3).toString('hex')}`;

    afterAll(async () => {
      await testCluster()
        .kubeConfig()
        .makeApiClient(CoreV1Api)
        .deleteNamespace({ name: `${project}-dev` })
        .catch(() => undefined);
    });

    it.each(databases.eachSupportedId())(
      'never reconcile one deployment at the same time, and share the work (%p)',
      async id => {
        const knexA = await databases.migrated(id);
        const pool = secondPool(knexA);
        const entities = [
          ...testCatalog(project),
          ...['a', 'b', 'c', 'd'].map(n =>
            component(`job-${n}`, project, { type: 'worker', replicas: 1 }),
          ),
        ];
        const spans: Span[] = [];
        const warnings: string[] = [];
        const logger = {
          ...mockServices.logger.mock(),
          warn: (message: string) => warnings.push(message),
        };
        const replica = (knex: Knex) => {
          const kc = testCluster().kubeConfig();
          return createControlPlaneHarness({
            knex,
            entities,
            dataPlanes: new Map([
              [
                'local',
                new KubernetesDataPlane('local', kc, new ServerSideApplier(kc)),
              ],
            ]),
            options: { leaseRetryMs: 20 },
            logger: logger as any,
            observer: {
              started: (key, holder) =>
                spans.push({
                  key: deploymentKeyString(key),
                  holder,
                  start: performance.now(),
                }),
              finished: (key, holder) => {
                const span = spans.findLast(
                  s =>
                    s.key === deploymentKeyString(key) &&
                    s.holder === holder &&
                    s.end === undefined,
                )!;
                span.end = performance.now();
              },
            },
          });
        };
        const a = replica(knexA);
        const b = replica(pool.knex);
        a.controlPlane.start();
        b.controlPlane.start();
        try {
          await a.triggerCatalog();
          // Both replicas queue everything, repeatedly, while the first deploys are under way.
          for (let round = 0; round < 3; round++) {
            await Promise.all([
              a.controlPlane.resync(),
              b.controlPlane.resync(),
            ]);
          }
          // A replica that found a deployment leased looks again shortly: settled means no
          // new reconcile started during a quiet period several retry intervals long.
          for (let seen = -1; seen !== spans.length; ) {
            seen = spans.length;
            await Promise.all([a.controlPlane.idle(), b.controlPlane.idle()]);
            await new Promise(r => setTimeout(r, 200));
            await Promise.all([a.controlPlane.idle(), b.controlPlane.idle()]);
          }

          expect(warnings).toEqual([]);
          expect(spans.length).toBeGreaterThanOrEqual(12);
          expect(spans.every(s => s.end !== undefined)).toBe(true);
          const byKey = new Map<string, Span[]>();
          for (const span of spans)
            byKey.set(span.key, [...(byKey.get(span.key) ?? []), span]);
          expect(byKey.size).toBe(6);
          for (const [key, list] of byKey) {
            list.sort((x, y) => x.start - y.start);
            for (let i = 1; i < list.length; i++) {
              // The next reconcile of a deployment starts only after the previous one ended.
              expect({
                key,
                overlap: list[i].start < list[i - 1].end!,
              }).toEqual({ key, overlap: false });
            }
          }
          expect(new Set(spans.map(s => s.holder)).size).toBe(2);

          // One deploy per component in history, however many reconciles ran.
          const history = await a.store.listHistory('component:default/api');
          expect(history.map(h => h.action)).toEqual(['deploy']);
          const status = await a.status.list('component:default/job-a');
          expect(status).toEqual([
            expect.objectContaining({ state: 'synced' }),
          ]);
        } finally {
          await Promise.all([a.controlPlane.stop(), b.controlPlane.stop()]);
          await pool.close();
        }
      },
    );
  },
);
