import knexFactory from 'knex';

/**
 * The backend's databases on a PostgreSQL server, as production runs it, instead of SQLite
 * files in the run directory (whose page caches, up to 16 MiB per database with better-sqlite3,
 * count in the backend's RSS). Every plugin database of the run is named with `prefix` and
 * dropped by `drop()` once the backend has stopped.
 */
export function benchPostgres(connection: string, prefix: string) {
  return {
    database: { client: 'pg', connection, prefix },
    async drop() {
      const admin = knexFactory({ client: 'pg', connection });
      try {
        const { rows } = await admin.raw<{ rows: { datname: string }[] }>(
          'SELECT datname FROM pg_database WHERE starts_with(datname, ?)',
          [prefix],
        );
        for (const { datname } of rows)
          await admin.raw('DROP DATABASE IF EXISTS ??', [datname]);
      } finally {
        await admin.destroy();
      }
    },
  };
}
