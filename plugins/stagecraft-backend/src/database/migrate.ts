import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@stagecraft/plugin-stagecraft-backend',
  'migrations',
);

const MAX_ATTEMPTS = 10;

/**
 * Brings the plugin's database to the newest schema. Replicas started together on a new
 * database race to create knex's own bookkeeping tables — which knex does not guard — or
 * find the migration lock taken: the loser waits and tries again, and then finds the work done.
 */
export async function migrate(
  knex: Knex,
  pause: (ms: number) => Promise<void> = ms =>
    new Promise(resolve => setTimeout(resolve, ms)),
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({
        directory: migrationsDir,
        tableName: 'stagecraft__knex_migrations',
      });
      return;
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isConcurrentMigration(error)) throw error;
      await pause(250 * attempt);
    }
  }
}

/**
 * Another process is creating the same tables (PostgreSQL: the type or table already exists)
 * or holds knex's migration lock.
 */
export function isConcurrentMigration(error: unknown): boolean {
  const { code, name, message } = (error ?? {}) as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
  };
  return (
    code === '23505' ||
    code === '42P07' ||
    name === 'MigrationLocked' ||
    (typeof message === 'string' &&
      /migration table is already locked/i.test(message))
  );
}
