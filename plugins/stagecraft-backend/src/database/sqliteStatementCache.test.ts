import knexFactory, { Knex } from 'knex';
import { cacheSqliteStatements } from './sqliteStatementCache';

/** An in-memory SQLite database and a count of the statements its connection prepared. */
async function sqlite() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  await knex.schema.createTable('items', t => {
    t.string('id').primary();
    t.integer('n');
  });
  const connection = (await knex.client.acquireConnection()) as {
    prepare(sql: string): unknown;
  };
  knex.client.releaseConnection(connection);
  const prepared: string[] = [];
  const prepare = connection.prepare.bind(connection);
  connection.prepare = (sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  };
  return { knex, prepared };
}

const countOf = (prepared: string[], text: string) =>
  prepared.filter(sql => sql.startsWith(text)).length;

describe('cacheSqliteStatements', () => {
  let knex: Knex | undefined;
  afterEach(() => knex?.destroy());

  it('prepares each statement text once, and every query still reads what was written', async () => {
    const db = await sqlite();
    knex = db.knex;
    cacheSqliteStatements(knex);
    for (let n = 0; n < 5; n++) {
      await knex('items').insert({ id: `i${n}`, n });
      await expect(
        knex('items')
          .where({ id: `i${n}` })
          .first(),
      ).resolves.toEqual({ id: `i${n}`, n });
    }
    await knex('items').where({ id: 'i3' }).update({ n: 30 });
    await expect(knex('items').where({ id: 'i3' }).first()).resolves.toEqual({
      id: 'i3',
      n: 30,
    });
    expect(countOf(db.prepared, 'insert')).toBe(1);
    expect(countOf(db.prepared, 'select')).toBe(1);
  });

  it('prepares every query without it, as knex does', async () => {
    const db = await sqlite();
    knex = db.knex;
    for (let n = 0; n < 3; n++) await knex('items').insert({ id: `i${n}`, n });
    expect(countOf(db.prepared, 'insert')).toBe(3);
  });

  it('reads the columns of a table changed after its statement was prepared', async () => {
    const db = await sqlite();
    knex = db.knex;
    cacheSqliteStatements(knex);
    await knex('items').insert({ id: 'a', n: 1 });
    await expect(knex('items').select()).resolves.toEqual([{ id: 'a', n: 1 }]);
    await knex.schema.alterTable('items', t => t.string('note'));
    await expect(knex('items').select()).resolves.toEqual([
      { id: 'a', n: 1, note: null },
    ]);
  });

  it('keeps the most recently used texts only, and rolls back a failed transaction', async () => {
    const db = await sqlite();
    knex = db.knex;
    cacheSqliteStatements(knex, 2);
    const byId = (id: string) => knex!('items').where({ id }).first();
    const byN = (n: number) => knex!('items').where({ n }).first();
    const all = () => knex!('items').select();
    await byId('x');
    await byN(1);
    await all(); // evicts the text of byId
    await byId('x');
    expect(countOf(db.prepared, 'select * from `items` where `id`')).toBe(2);

    await expect(
      knex.transaction(async trx => {
        await trx('items').insert({ id: 'kept?', n: 1 });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await expect(all()).resolves.toEqual([]);
  });

  it('leaves other databases alone', () => {
    const pg = knexFactory({ client: 'pg' });
    const before = (pg.client as { _query: unknown })._query;
    cacheSqliteStatements(pg);
    expect((pg.client as { _query: unknown })._query).toBe(before);
    return pg.destroy();
  });
});
