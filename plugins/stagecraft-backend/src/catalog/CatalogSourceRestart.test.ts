import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { testCatalog } from '../__testUtils__/entities';
import { recordingAuditor } from '../__testUtils__/controlPlaneHarness';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { AcceptedDeletionStore } from '../database/AcceptedDeletionStore';
import { migrate } from '../database/migrate';
import { CatalogGuardSettings } from './CatalogGuard';
import { CatalogSource } from './CatalogSource';

const { databases } = createTestDatabases();

/**
 * The catalog service, the deployed components (they stay `deployed` after a deletion) and
 * the config are shared by every process; each `start()` is a new process or replica with
 * its own CatalogSource over the same plugin database.
 */
function world(store: AcceptedDeletionStore, entities: Entity[]) {
  const shared = {
    items: entities,
    settings: { maxVanished: 3 } as CatalogGuardSettings,
  };
  const start = () =>
    new CatalogSource(
      { getEntities: async () => ({ items: shared.items }) } as any,
      { getOwnServiceCredentials: async () => ({}) } as any,
      -1, // every read fetches afresh
      {
        deployed: async () => [
          'component:default/api',
          'component:default/worker',
        ],
        settings: () => shared.settings,
        logger: mockServices.logger.mock(),
        auditor: recordingAuditor(),
        acceptedDeletions: store,
      },
    );
  return { shared, start };
}

const platformOnly = (entities: Entity[]) =>
  entities.filter(e => e.kind !== 'Component' && e.kind !== 'Endpoint');

/** Endpoints with a catalog uid, as a (re-)registered location gives them. */
const extras = (catalog: Entity[], generation: string) =>
  [0, 1, 2, 3, 4].map(i => ({
    ...catalog.find(e => e.kind === 'Endpoint')!,
    metadata: {
      name: `extra-${i}`,
      namespace: 'default',
      uid: `${generation}-${i}`,
    },
  }));

describe('CatalogSource guard across restarts and replicas', () => {
  const catalog = testCatalog('p1');

  it.each(databases.eachSupportedId())(
    'keeps an accepted deletion of every deployed component accepted after a restart, with or without the token, on %p',
    async id => {
      const knex = await databases.init(id);
      await migrate(knex);
      const w = world(new AcceptedDeletionStore(knex), catalog);
      const before = w.start();
      await before.snapshot();
      w.shared.items = platformOnly(catalog);
      const { token } = (await before.snapshot()).heldBack!;

      // Config not watched: the token is set, then the backend restarts. The first read after
      // the start has no earlier read, and must still be named by the same token.
      w.shared.settings = { maxVanished: 3, accept: token };
      const restarted = w.start();
      const served = await restarted.snapshot();
      expect(served.heldBack).toBeUndefined();
      expect(served.get('component:default/api')).toBeUndefined();

      // The acceptance is remembered in the database: another replica, or a later start with
      // the setting removed, does not hold it again (the deployments are still `deployed`).
      w.shared.settings = { maxVanished: 3 };
      await expect(w.start().snapshot()).resolves.toMatchObject({
        heldBack: undefined,
      });
      expect(restarted.currentHold()).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'holds a new, different mass disappearance after an accepted one, the token still set, on %p',
    async id => {
      const knex = await databases.init(id);
      await migrate(knex);
      const w = world(new AcceptedDeletionStore(knex), [
        ...catalog,
        ...extras(catalog, 'first'),
      ]);
      const source = w.start();
      await source.snapshot();
      w.shared.items = catalog;
      const first = (await source.snapshot()).heldBack!;
      expect(first.vanished).toHaveLength(5);
      w.shared.settings = { maxVanished: 3, accept: first.token };
      expect((await source.snapshot()).heldBack).toBeUndefined();

      // Every deployed component vanishing later is another change: held, on a restarted
      // process too (it fails, having no complete read to fall back on).
      w.shared.items = platformOnly(catalog);
      const second = (await source.snapshot()).heldBack!;
      expect(second.token).not.toBe(first.token);
      expect(second.message).toContain('every deployed component vanished');
      await expect(w.start().snapshot()).rejects.toThrow(
        ServiceUnavailableError,
      );

      // The same endpoints registered again and lost again: not taken by the old token.
      w.shared.items = [...catalog, ...extras(catalog, 'second')];
      expect((await source.snapshot()).heldBack).toBeUndefined();
      expect(await new AcceptedDeletionStore(knex).list()).toEqual([]);
      w.shared.items = catalog;
      const third = (await source.snapshot()).heldBack!;
      expect(third.vanished).toEqual(first.vanished);
      expect(third.token).not.toBe(first.token);
    },
  );
});
