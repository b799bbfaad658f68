import { DeploymentStore } from './DeploymentStore';
import { StatusStore } from './StatusStore';
import { migrate } from './migrate';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const { databases } = createTestDatabases();

// More components than one query's 500, in two environments, so the reads are chunked and
// grouped; a listing of 5,000 deployments reads this way.
const COUNT = 1_100;
const refOf = (i: number) => `component:default/svc-${i}`;

describe("many deployments' rows read together", () => {
  it.each(databases.eachSupportedId())(
    'gives each deployment its own inventory, status and release, in chunks, on %p',
    async id => {
      const knex = await databases.init(id);
      await migrate(knex);
      const store = new DeploymentStore(knex);
      const status = new StatusStore(knex);
      await knex.transaction(async tx => {
        const txStore = new DeploymentStore(tx);
        for (let i = 0; i < COUNT; i++)
          await txStore.saveInventory(refOf(i), 'dev', [
            { apiVersion: 'v1', kind: 'ConfigMap', name: `cm-${i}` },
          ]);
      });
      await status.save({
        componentRef: refOf(7),
        environment: 'staging',
        state: 'pending',
        reason: 'waiting',
      });
      const releases = await Promise.all(
        [1, 2].map(n =>
          store.createRelease({
            componentRef: refOf(n),
            snapshot: { image: `a:${n}` },
            createdBy: 'user:default/ann',
          }),
        ),
      );

      const keys = Array.from({ length: COUNT }, (_, i) => ({
        componentRef: refOf(i),
        environment: 'dev',
      }));
      const staging7 = { componentRef: refOf(7), environment: 'staging' };
      const inventories = await store.getInventories([...keys, staging7]);
      expect(inventories.size).toBe(COUNT + 1);
      expect(inventories.get(`${refOf(1_050)}@dev`)).toEqual([
        { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm-1050' },
      ]);
      // Never applied there: no inventory, as getInventory answers.
      expect(inventories.get(`${refOf(7)}@staging`)).toEqual([]);

      const statuses = await status.getMany([...keys, staging7]);
      expect([...statuses.keys()]).toEqual([`${refOf(7)}@staging`]);
      expect(statuses.get(`${refOf(7)}@staging`)).toEqual(
        await status.get(refOf(7), 'staging'),
      );

      const byId = await store.getReleases([
        releases[0].id,
        releases[1].id,
        releases[0].id,
        'no-such-release',
      ]);
      expect([...byId.keys()].sort()).toEqual(
        [releases[0].id, releases[1].id].sort(),
      );
      expect(byId.get(releases[1].id)).toEqual(releases[1]);
    },
  );
});
