import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrate } from '../database/migrate';

// PostgreSQL runs where a connection string is provided (.ci/run starts Debian's server and
// sets BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING); SQLite runs everywhere.
const ids: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'SQLITE_3',
];

/** Every database engine available to this test run (test-only helper). */
export function createTestDatabases() {
  const databases = TestDatabases.create({ ids, disableDocker: true });
  return {
    databases,
    eachSupportedId: () => databases.eachSupportedId(),
    /** A fresh, migrated database of the given engine. */
    async migrated(id: TestDatabaseId): Promise<Knex> {
      const knex = await databases.init(id);
      await migrate(knex);
      return knex;
    },
  };
}
