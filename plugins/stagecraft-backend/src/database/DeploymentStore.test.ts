import { DeploymentStore } from './DeploymentStore';
import { migrate } from './migrate';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const { databases } = createTestDatabases();

describe('DeploymentStore', () => {
  it('runs against PostgreSQL in CI, not only SQLite', () => {
    const postgres = databases
      .eachSupportedId()
      .filter(([id]) => id.startsWith('POSTGRES'));
    // Outside CI PostgreSQL is optional; in CI a run without it must fail, not pass quietly.
    const required = process.env.CI === 'true' ? 1 : 0;
    expect(postgres.length).toBeGreaterThanOrEqual(required);
    expect(databases.supports('SQLITE_3')).toBe(true);
  });

  it.each(databases.eachSupportedId())(
    'keeps releases immutable and content-addressed on %p',
    async id => {
      const knex = await databases.init(id);
      await migrate(knex);
      const store = new DeploymentStore(knex);
      const snapshot = {
        image: 'registry.example/api:1',
        intent: { replicas: 2, env: { B: '2', A: '1' } },
      };
      const first = await store.createRelease({
        componentRef: 'component:default/api',
        snapshot,
        createdBy: 'user:default/ann',
      });
      const same = await store.createRelease({
        componentRef: 'component:default/api',
        snapshot: {
          intent: { env: { A: '1', B: '2' }, replicas: 2 },
          image: 'registry.example/api:1',
        },
        createdBy: 'user:default/bob',
      });
      expect(same).toEqual(first);
      expect(first.createdBy).toBe('user:default/ann');
      const next = await store.createRelease({
        componentRef: 'component:default/api',
        snapshot: { ...snapshot, image: 'registry.example/api:2' },
        createdBy: 'user:default/ann',
      });
      expect(next.id).not.toBe(first.id);
      expect(
        (await store.listReleases('component:default/api'))
          .map(r => r.id)
          .sort(),
      ).toEqual([first.id, next.id].sort());
    },
  );

  it.each(databases.eachSupportedId())(
    'records every deployment change with its actor, atomically, on %p',
    async id => {
      const knex = await databases.init(id);
      await migrate(knex);
      const store = new DeploymentStore(knex);
      const r1 = await store.createRelease({
        componentRef: 'component:default/api',
        snapshot: { image: 'a:1' },
        createdBy: 'user:default/ann',
      });
      const r2 = await store.createRelease({
        componentRef: 'component:default/api',
        snapshot: { image: 'a:2' },
        createdBy: 'user:default/ann',
      });

      await store.setDeployment({
        componentRef: 'component:default/api',
        environment: 'dev',
        releaseId: r1.id,
        desiredState: 'deployed',
        action: 'deploy',
        actor: 'user:default/ann',
      });
      await store.setDeployment({
        componentRef: 'component:default/api',
        environment: 'dev',
        releaseId: r2.id,
        desiredState: 'deployed',
        action: 'deploy',
        actor: 'user:default/bob',
      });
      const rolledBack = await store.setDeployment({
        componentRef: 'component:default/api',
        environment: 'dev',
        releaseId: r1.id,
        desiredState: 'deployed',
        action: 'rollback',
        actor: 'user:default/cat',
        details: { from: r2.id },
      });

      expect(rolledBack).toMatchObject({
        releaseId: r1.id,
        generation: 3,
        updatedBy: 'user:default/cat',
        desiredState: 'deployed',
      });
      const history = await store.listHistory('component:default/api', 'dev');
      expect(history.map(h => [h.action, h.actor, h.releaseId])).toEqual([
        ['rollback', 'user:default/cat', r1.id],
        ['deploy', 'user:default/bob', r2.id],
        ['deploy', 'user:default/ann', r1.id],
      ]);
      expect(history[0].details).toEqual({ from: r2.id });

      // A deployment must point at a real release: the change and its history entry both fail.
      await expect(
        store.setDeployment({
          componentRef: 'component:default/api',
          environment: 'dev',
          releaseId: 'nope',
          desiredState: 'deployed',
          action: 'deploy',
          actor: 'user:default/eve',
        }),
      ).rejects.toThrow();
      expect(
        await store.listHistory('component:default/api', 'dev'),
      ).toHaveLength(3);
    },
  );

  it.each(databases.eachSupportedId())(
    'stores inventories and drift events on %p',
    async id => {
      const knex = await databases.init(id);
      await migrate(knex);
      const store = new DeploymentStore(knex);
      expect(await store.getInventory('component:default/api', 'dev')).toEqual(
        [],
      );
      const entries = [
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          namespace: 'shop-dev',
          name: 'api-env',
        },
      ];
      await store.saveInventory('component:default/api', 'dev', entries);
      await store.saveInventory('component:default/api', 'dev', [
        ...entries,
        {
          apiVersion: 'v1',
          kind: 'Service',
          namespace: 'shop-dev',
          name: 'api',
        },
      ]);
      expect(
        await store.getInventory('component:default/api', 'dev'),
      ).toHaveLength(2);

      await store.recordDrift([
        {
          componentRef: 'component:default/api',
          environment: 'dev',
          objectRef: 'Deployment shop-dev/api',
          field: 'spec.replicas',
          oldValue: '2',
          newValue: '5',
          corrected: true,
        },
      ]);
      const [drift] = await store.listDrift('component:default/api', 'dev');
      expect(drift).toMatchObject({
        objectRef: 'Deployment shop-dev/api',
        field: 'spec.replicas',
        oldValue: '2',
        newValue: '5',
      });
      expect(drift.correctedAt).toBeInstanceOf(Date);
    },
  );

  it.each(databases.eachSupportedId())(
    'records 1,200 drifted fields of one reconcile, more than one statement holds, on %p',
    async id => {
      const knex = await databases.init(id);
      await migrate(knex);
      const store = new DeploymentStore(knex);
      const fields = Array.from({ length: 1_200 }, (_, i) => `data.key-${i}`);
      await store.recordDrift(
        fields.map(field => ({
          componentRef: 'component:default/api',
          environment: 'dev',
          objectRef: 'ConfigMap shop-dev/settings',
          field,
          oldValue: '(not recorded)',
          corrected: true,
        })),
      );
      const drift = await store.listDrift('component:default/api', 'dev');
      expect(drift.map(d => d.field).sort()).toEqual([...fields].sort());
      expect(drift.every(d => d.newValue === undefined)).toBe(true);
    },
  );
});
