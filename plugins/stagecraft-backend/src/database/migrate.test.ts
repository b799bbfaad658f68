import type { Knex } from 'knex';
import { isConcurrentMigration, migrate } from './migrate';

/** A knex whose migrator fails with the given errors first, then succeeds. */
function knexFailingWith(...errors: unknown[]) {
  const latest = jest.fn(async () => {
    const error = errors.shift();
    if (error) throw error;
    return [0, []];
  });
  return { knex: { migrate: { latest } } as unknown as Knex, latest };
}

const pause = jest.fn(async () => undefined);

describe('migrate', () => {
  it('tries again when another replica is creating the same tables or holds the lock', async () => {
    const { knex, latest } = knexFailingWith(
      Object.assign(
        new Error(
          'duplicate key value violates unique constraint "pg_type_typname_nsp_index"',
        ),
        { code: '23505' },
      ),
      Object.assign(
        new Error('relation "stagecraft__knex_migrations_lock" already exists'),
        { code: '42P07' },
      ),
      Object.assign(new Error('Migration table is already locked'), {
        name: 'MigrationLocked',
      }),
    );
    await migrate(knex, pause);
    expect(latest).toHaveBeenCalledTimes(4);
  });

  it('fails at once on any other error', async () => {
    const { knex, latest } = knexFailingWith(
      new Error('syntax error at or near "tabel"'),
    );
    await expect(migrate(knex, pause)).rejects.toThrow('syntax error');
    expect(latest).toHaveBeenCalledTimes(1);
  });

  it('gives up after ten attempts, with the last error', async () => {
    const locked = () =>
      Object.assign(new Error('Migration table is already locked'), {
        name: 'MigrationLocked',
      });
    const { knex, latest } = knexFailingWith(
      ...Array.from({ length: 12 }, locked),
    );
    await expect(migrate(knex, pause)).rejects.toThrow('already locked');
    expect(latest).toHaveBeenCalledTimes(10);
  });

  it('recognises only the concurrent-creation and lock errors', () => {
    expect(isConcurrentMigration({ code: '42P07' })).toBe(true);
    expect(isConcurrentMigration({ code: '23503' })).toBe(false);
    expect(isConcurrentMigration(undefined)).toBe(false);
  });
});
