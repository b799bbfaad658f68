import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import {
  callers,
  permissionsDenying,
  releaseNewApiImage,
} from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { writeDeployment } from '../database/writeDeployment';
import { CATALOG_ACTOR } from '../trigger/catalogTrigger';
import { deployToFirstStage } from '../trigger/deployToFirstStage';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';

// Two deploys of one release at once — the catalog trigger's and the golden path's
// stagecraft:deploy right after registration — must read as one deploy in history. The race
// needs two connections, so PostgreSQL (SQLite runs one transaction at a time). It is made
// deterministic: the trigger's write is held uncommitted while the caller's deploy reads and
// then waits on the row's lock; only then does the trigger's commit.

const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));
const api = 'component:default/api';
const entities = testCatalog('shop');

/** The service on `knex`, its control plane not started: no reconcile holds a connection. */
function setUp(knex: Knex) {
  const plane = new RecordingDataPlane();
  const harness = createControlPlaneHarness({
    knex,
    entities,
    dataPlanes: new Map([['local', plane]]),
    permissions: permissionsDenying(),
  });
  return { ...harness, plane };
}

/**
 * Runs `contender` against a deploy (by default the catalog trigger's) written first in a
 * transaction held open: the held one commits only once the contender waits for its lock, so
 * the contender has read the deployment as it was before. Answers the contender's outcome.
 */
async function racingHeldDeploy<T>(
  knex: Knex,
  held: { environment: string; releaseId: string; actor?: string },
  contender: () => Promise<T>,
): Promise<T> {
  let commit = () => {};
  const committing = new Promise<void>(resolve => (commit = resolve));
  let written = () => {};
  const wrote = new Promise<void>(resolve => (written = resolve));
  const done = knex.transaction(async tx => {
    await writeDeployment(tx, {
      componentRef: api,
      environment: held.environment,
      releaseId: held.releaseId,
      desiredState: 'deployed',
      action: 'deploy',
      actor: held.actor ?? CATALOG_ACTOR,
    });
    written();
    await committing;
  });
  await wrote;
  const outcome = contender();
  const stopWaiting = new AbortController();
  // Only a reason to stop waiting for the lock; once the wait is over it is moot.
  const endedEarly = outcome.then(() => {
    throw new Error('the contender never waited for the held write');
  });
  endedEarly.catch(() => {});
  try {
    await Promise.race([
      someoneWaitsForALock(knex, stopWaiting.signal),
      endedEarly,
    ]);
  } finally {
    stopWaiting.abort();
    // Committed either way: a transaction left open would hold its row lock and connection.
    commit();
    await done;
  }
  return outcome;
}

/** Resolves once a query of this database waits for a lock (the caller's write), or on `signal`. */
async function someoneWaitsForALock(
  knex: Knex,
  signal: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !signal.aborted) {
    // A row lock is waited for as the holder's transaction id, which pg_locks lists without a
    // database: the waiting session is what says which database it belongs to.
    const [{ waiting }] = await knex
      .raw(
        `select count(*)::int as waiting from pg_stat_activity
         where datname = current_database() and wait_event_type = 'Lock'`,
      )
      .then(r => r.rows);
    if (waiting > 0) return;
    await new Promise(resolve => setTimeout(resolve, 25));
  }
  if (!signal.aborted)
    throw new Error('the deploy never waited for the held write');
}

// PostgreSQL is optional outside CI; in CI DeploymentStore.test fails a run without it.
const describeOnPostgres =
  postgres.length > 0
    ? describe.each(postgres)
    : describe.skip.each<[TestDatabaseId]>([['POSTGRES_18']]);

describeOnPostgres('deploys of one release racing on %p', id => {
  it('record one deploy when the deployment changes to that release meanwhile', async () => {
    const knex = await databases.migrated(id);
    const h = setUp(knex);
    await h.triggerCatalog();
    const [first] = await h.store.listReleases(api);
    await releaseNewApiImage(h, entities, '2');
    const answer = racingHeldDeploy(
      knex,
      { environment: 'dev', releaseId: first.id },
      () =>
        h.actions.deploy(
          { componentRef: api, environment: 'dev', releaseId: first.id },
          callers.ann,
        ),
    );

    await expect(answer).resolves.toMatchObject({ releaseId: first.id });
    const history = await h.store.listHistory(api, 'dev');
    expect(history.map(e => [e.action, e.actor])).toEqual([
      ['deploy', CATALOG_ACTOR],
      ['deploy', CATALOG_ACTOR],
      ['deploy', CATALOG_ACTOR],
    ]);
    expect(history[0].releaseId).toBe(first.id);
    expect(
      h.auditor.events.find(e => e.meta.actor === 'user:default/ann'),
    ).toMatchObject({
      outcome: 'success',
      meta: { releaseId: first.id, unchanged: true },
    });
  }, 60_000);

  it('record one deploy when the deployment is created with that release meanwhile', async () => {
    const knex = await databases.migrated(id);
    const h = setUp(knex);
    await h.triggerCatalog();
    const [first] = await h.store.listReleases(api);
    expect(await h.store.getDeployment(api, 'staging')).toBeUndefined();

    const answer = racingHeldDeploy(
      knex,
      { environment: 'staging', releaseId: first.id },
      () =>
        h.actions.deploy(
          { componentRef: api, environment: 'staging', releaseId: first.id },
          callers.ann,
        ),
    );

    await expect(answer).resolves.toMatchObject({
      releaseId: first.id,
      generation: 1,
    });
    expect(
      (await h.store.listHistory(api, 'staging')).map(e => e.actor),
    ).toEqual([CATALOG_ACTOR]);
  }, 60_000);

  it("record one deploy when the catalog trigger's deploy races a caller's", async () => {
    const knex = await databases.migrated(id);
    const h = setUp(knex);
    await h.triggerCatalog();
    const [first] = await h.store.listReleases(api);

    const triggered = racingHeldDeploy(
      knex,
      {
        environment: 'staging',
        releaseId: first.id,
        actor: 'user:default/ann',
      },
      () =>
        deployToFirstStage(
          {
            catalog: new CatalogSnapshot(entities),
            store: h.store,
            auditor: h.auditor,
            logger: mockServices.logger.mock(),
          },
          {
            component: entities.find(
              e => e.kind === 'Component' && e.metadata.name === 'api',
            )!,
            componentRef: api,
            environment: 'staging',
            releaseId: first.id,
            actor: CATALOG_ACTOR,
          },
        ),
    );

    await expect(triggered).resolves.toBe(true);
    expect(
      (await h.store.listHistory(api, 'staging')).map(e => e.actor),
    ).toEqual(['user:default/ann']);
    expect(
      h.auditor.events.filter(
        e => e.meta.environment === 'staging' && e.meta.actor === CATALOG_ACTOR,
      ),
    ).toEqual([
      expect.objectContaining({
        outcome: 'success',
        meta: expect.objectContaining({ unchanged: true }),
      }),
    ]);
  }, 60_000);
});
