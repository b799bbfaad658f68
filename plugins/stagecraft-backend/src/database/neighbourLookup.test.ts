import { DeploymentStore } from './DeploymentStore';
import { migrate } from './migrate';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const { databases } = createTestDatabases();

/** A store with `count` components deployed to dev and staging, refs in mixed case. */
async function storeWith(
  id: Parameters<typeof databases.init>[0],
  count: number,
) {
  const knex = await databases.init(id);
  await migrate(knex);
  const store = new DeploymentStore(knex);
  const release = await store.createRelease({
    componentRef: 'component:default/Shared',
    snapshot: { image: 'a:1' },
    createdBy: 'user:default/ann',
  });
  for (let i = 0; i < count; i++)
    for (const environment of ['dev', 'staging'])
      await store.setDeployment({
        componentRef: `component:default/Api-${i}`,
        environment,
        releaseId: release.id,
        desiredState: 'deployed',
        action: 'deploy',
        actor: 'user:default/ann',
      });
  return { knex, store };
}

describe("a plan's lookup of its neighbours' deployments", () => {
  it.each(databases.eachSupportedId())(
    'finds them in one environment, ignoring case, on %p',
    async id => {
      const { store } = await storeWith(id, 20);
      const found = await store.listDeployments({
        environment: 'staging',
        componentRefs: ['component:default/api-3', 'COMPONENT:default/API-12'],
      });
      expect(found.map(d => [d.componentRef, d.environment])).toEqual([
        ['component:default/Api-12', 'staging'],
        ['component:default/Api-3', 'staging'],
      ]);
    },
  );

  it('is answered from an index, not a scan of every deployment (SQLite)', async () => {
    // Every reconcile makes this lookup; scanning made a converge of n deployments read n²
    // rows. PostgreSQL's planner picks by table statistics, so the plan is asserted here only.
    const { knex, store } = await storeWith('SQLITE_3', 3);
    const sent: { sql: string; bindings: readonly unknown[] }[] = [];
    knex.on('query', q => sent.push(q));
    await store.listDeployments({
      environment: 'dev',
      componentRefs: ['component:default/api-1', 'component:default/api-2'],
    });
    expect(sent).toHaveLength(1);
    const plan: { detail: string }[] = await knex.raw(
      `EXPLAIN QUERY PLAN ${sent[0].sql}`,
      [...sent[0].bindings] as string[],
    );
    expect(plan.map(step => step.detail).join('\n')).toMatch(
      /SEARCH deployments USING INDEX deployments_environment_lower_component_ref/,
    );
  });
});
