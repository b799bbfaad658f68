import { Knex } from 'knex';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';

// Every reconcile costs database statements, and a converge of thousands of deployments sends
// them thousands of times over: the budget of one reconcile is pinned here, statement by
// statement (verb and table), so that a new read or write on that path is a decision.

const databases = createTestDatabases();
const api = { componentRef: 'component:default/api', environment: 'dev' };

/** The verb and table of every statement `knex` sends while `run` runs. */
async function statementsOf(knex: Knex, run: () => Promise<void>) {
  const statements: string[] = [];
  const onQuery = (q: { sql: string }) => statements.push(q.sql);
  knex.on('query', onQuery);
  try {
    await run();
  } finally {
    knex.off('query', onQuery);
  }
  return statements.map(
    sql =>
      `${sql.split(' ')[0]} ${
        /(?:from|into|update) [`"]?(\w+)/i.exec(sql)?.[1]
      }`,
  );
}

describe('the database statements of one reconcile', () => {
  it.each(databases.eachSupportedId())(
    'that heals drift: the lease, five reads, the drift, the status and the lease given back (%p)',
    async id => {
      const knex = await databases.migrated(id);
      const h = createControlPlaneHarness({
        knex,
        entities: testCatalog('shop'),
        dataPlanes: new Map([['local', new RecordingDataPlane()]]),
        options: { backoff: { baseMs: 60_000, maxMs: 60_000 } },
      });
      h.controlPlane.start();
      try {
        await h.triggerCatalog();
        await h.controlPlane.idle();
        // The recording data plane reports every object configured: drift, since the set is
        // the one applied last; the set is kept, so the inventory is not written again.
        await expect(
          statementsOf(knex, async () => {
            h.controlPlane.enqueue(api);
            await h.controlPlane.idle();
          }),
        ).resolves.toEqual([
          'insert deployment_leases',
          'select deployments',
          'select releases',
          'select deployments',
          'select deployment_status',
          'select inventories',
          'insert drift_events',
          'insert deployment_status',
          'delete deployment_leases',
        ]);
      } finally {
        await h.controlPlane.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'of an arrival: the same reads, then the inventory and the status (%p)',
    async id => {
      const knex = await databases.migrated(id);
      // api alone: its arrival has no neighbour to re-plan.
      const h = createControlPlaneHarness({
        knex,
        entities: testCatalog('shop').filter(e => e.metadata.name !== 'worker'),
        dataPlanes: new Map([['local', new RecordingDataPlane()]]),
      });
      try {
        await h.triggerCatalog();
        await expect(
          statementsOf(knex, async () => {
            h.controlPlane.start();
            await h.controlPlane.idle();
          }),
        ).resolves.toEqual([
          'insert deployment_leases',
          'select deployments',
          'select releases',
          'select deployments',
          'select deployment_status',
          'select inventories',
          'insert inventories',
          'insert deployment_status',
          // Nothing more for the neighbours: their lookup starts from the deployment and
          // release the reconcile read (it read both again before), and api has none.
          'delete deployment_leases',
        ]);
      } finally {
        await h.controlPlane.stop();
      }
    },
  );
});
