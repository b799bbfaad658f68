import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';

// Every reconcile costs database statements, and a converge of thousands of deployments sends
// them thousands of times over: the budget of one reconcile is pinned here, statement by
// statement, so that a new read or write on that path is a decision. The reconcile is one
// that heals drift (the recording data plane reports every object configured), which records
// drift events, and keeps the set, so its inventory is not written again.

const databases = createTestDatabases();
const api = { componentRef: 'component:default/api', environment: 'dev' };

describe('the database statements of one reconcile', () => {
  it.each(databases.eachSupportedId())(
    'are the lease, five reads, the drift, the status and the lease given back (%p)',
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

        const statements: string[] = [];
        const onQuery = (q: { sql: string }) => statements.push(q.sql);
        knex.on('query', onQuery);
        h.controlPlane.enqueue(api);
        await h.controlPlane.idle();
        knex.off('query', onQuery);

        const tables = statements.map(
          sql =>
            `${sql.split(' ')[0]} ${
              /(?:from|into|update) [`"]?(\w+)/i.exec(sql)?.[1]
            }`,
        );
        expect(tables).toEqual([
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
});
