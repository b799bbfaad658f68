import { Knex } from 'knex';

/** Distinct SQL texts kept prepared per connection; `in (?, ?, …)` lists make the texts vary. */
const DEFAULT_CAPACITY = 256;

/** The part of knex's client this relies on: its dialect name and how it runs one query. */
interface QueryingClient {
  config?: { client?: unknown };
  _query?: (connection: unknown, query: QueryObject) => Promise<unknown>;
}

interface QueryObject {
  sql?: string;
  options?: { safeIntegers?: unknown };
}

interface PreparingConnection {
  prepare(sql: string): unknown;
}

const cached = new WeakSet<object>();

/**
 * Has knex's better-sqlite3 dialect prepare each SQL text once per connection, not once per
 * query: it calls `connection.prepare(sql)` for every statement it sends, though a reconcile
 * sends the same nine texts every time. The nine statements of 2,000 reconciles cost the
 * process 1.1–1.6 CPU-s as knex sends them and 0.7–0.9 with this
 * (`packages/bench/src/reconcile/statementCostExperiment.ts`). Other databases are left alone. A better-sqlite3 statement runs to completion when knex calls it
 * (`all` or `run`, synchronously), so one prepared statement can serve every query of its
 * text; SQLite prepares it again by itself after a schema change. A query that sets
 * `safeIntegers` (which stays set on its statement) is prepared on its own, as before.
 *
 * @remarks
 * This wraps knex's `client._query`, which is internal to knex: when a knex release drops it,
 * nothing is wrapped and queries run as before.
 */
export function cacheSqliteStatements(
  knex: Knex,
  capacity = DEFAULT_CAPACITY,
): void {
  const client = knex.client as QueryingClient;
  const run = client._query;
  if (client.config?.client !== 'better-sqlite3' || typeof run !== 'function')
    return;
  if (cached.has(client)) return;
  cached.add(client);
  const preparing = new WeakMap<object, PreparingConnection>();
  client._query = (connection, query) => {
    if (
      !connection ||
      typeof connection !== 'object' ||
      query.options?.safeIntegers !== undefined
    )
      return run.call(client, connection, query);
    let wrapped = preparing.get(connection);
    if (!wrapped) {
      wrapped = withStatementCache(connection as PreparingConnection, capacity);
      preparing.set(connection, wrapped);
    }
    return run.call(client, wrapped, query);
  };
}

/** The connection, with `prepare` answering from the most recently used `capacity` texts. */
function withStatementCache(
  connection: PreparingConnection,
  capacity: number,
): PreparingConnection {
  const statements = new Map<string, unknown>();
  const prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) {
      statements.delete(sql);
    } else {
      statement = connection.prepare(sql);
      if (statements.size >= capacity)
        statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, statement);
    return statement;
  };
  // Everything but `prepare` is the connection's own.
  return Object.create(connection, { prepare: { value: prepare } });
}
