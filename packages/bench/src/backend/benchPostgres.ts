import knexFactory from 'knex';

/**
 * The backend's databases on a PostgreSQL server, as production runs it, instead of SQLite
 * files in the run directory (whose page caches, up to 16 MiB per database with better-sqlite3,
 * count in the backend's RSS). Every plugin database of the run is named with `prefix` and
 * dropped by `drop()` once the backend has stopped.
 */
export function benchPostgres(connection: string, prefix: string) {
  let admin: ReturnType<typeof knexFactory> | undefined;
  return {
    database: { client: 'pg', connection, prefix },
    /**
     * What Stagecraft's database has committed so far (PostgreSQL's statistics, which lag by
     * up to a second): every statement outside a transaction is one, so this counts the
     * control plane's statements closely.
     */
    async stagecraftTransactions(): Promise<number | undefined> {
      admin ??= knexFactory({
        client: 'pg',
        connection,
        pool: { min: 0, max: 1 },
      });
      const { rows } = await admin.raw<{ rows: { xact_commit: string }[] }>(
        'SELECT xact_commit FROM pg_stat_database WHERE datname = ?',
        [`${prefix}stagecraft`],
      );
      return rows[0] ? Number(rows[0].xact_commit) : undefined;
    },
    async drop() {
      await admin?.destroy();
      admin = knexFactory({ client: 'pg', connection });
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
