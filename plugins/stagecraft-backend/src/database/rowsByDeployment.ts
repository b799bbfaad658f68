import { Knex } from 'knex';
import {
  DeploymentKey,
  deploymentKeyString,
} from '../deployment/DeploymentKey';

/** Refs per query: well under SQLite's and PostgreSQL's limits on bound parameters. */
const REFS_PER_QUERY = 500;

/**
 * The rows of a table keyed by deployment (`component_ref`, `environment`) for many
 * deployments, by `deploymentKeyString`: one query per environment and 500 components, where
 * reading them one by one cost a query per deployment (an environment of 5,000 deployments
 * listed was 15,000 queries).
 */
export async function rowsByDeployment<Row extends { component_ref: string }>(
  db: Knex,
  table: string,
  keys: readonly DeploymentKey[],
): Promise<Map<string, Row & { environment: string }>> {
  const refsByEnvironment = new Map<string, Set<string>>();
  for (const { componentRef, environment } of keys) {
    const refs = refsByEnvironment.get(environment) ?? new Set<string>();
    refs.add(componentRef);
    refsByEnvironment.set(environment, refs);
  }
  const out = new Map<string, Row & { environment: string }>();
  for (const [environment, refSet] of refsByEnvironment) {
    const refs = [...refSet];
    for (let i = 0; i < refs.length; i += REFS_PER_QUERY) {
      const rows: (Row & { environment: string })[] = await db(table)
        .where({ environment })
        .whereIn('component_ref', refs.slice(i, i + REFS_PER_QUERY));
      for (const row of rows)
        out.set(
          deploymentKeyString({ componentRef: row.component_ref, environment }),
          row,
        );
    }
  }
  return out;
}

/** Rows by id, 500 ids a query. */
export async function rowsById<Row extends { id: string }>(
  db: Knex,
  table: string,
  ids: readonly string[],
): Promise<Map<string, Row>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, Row>();
  for (let i = 0; i < unique.length; i += REFS_PER_QUERY) {
    const rows: Row[] = await db(table).whereIn(
      'id',
      unique.slice(i, i + REFS_PER_QUERY),
    );
    for (const row of rows) out.set(row.id, row);
  }
  return out;
}
