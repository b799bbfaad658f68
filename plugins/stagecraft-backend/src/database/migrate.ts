import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@stagecraft/plugin-stagecraft-backend',
  'migrations',
);

/** Brings the plugin's database to the newest schema. */
export async function migrate(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDir,
    tableName: 'stagecraft__knex_migrations',
  });
}
