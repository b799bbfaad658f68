import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CatalogReadStampStore } from './CatalogReadStampStore';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'CatalogReadStampStore on %p',
  id => {
    it('holds the newest fingerprint recorded, shared by every store on the database', async () => {
      const knex = await databases.migrated(id);
      const a = new CatalogReadStampStore(knex);
      const b = new CatalogReadStampStore(knex);
      await expect(b.latest()).resolves.toBeUndefined();
      await a.record('f1');
      await expect(b.latest()).resolves.toBe('f1');
      await b.record('f2');
      await expect(a.latest()).resolves.toBe('f2');
      expect(
        Number((await knex('catalog_read_stamp').count({ n: '*' }))[0].n),
      ).toBe(1);
    });
  },
);
