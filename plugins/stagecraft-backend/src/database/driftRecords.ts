import { Knex } from 'knex';

/** One change made behind Stagecraft's back, as `DeploymentStore.recordDrift` stores it. */
export interface DriftRecord {
  componentRef: string;
  environment: string;
  objectRef: string;
  field: string;
  oldValue?: string;
  newValue?: string;
  /** Already reverted by the reconcile that found it. */
  corrected: boolean;
}

/** 7 bound values a row: well under SQLite's and PostgreSQL's limits on one statement's. */
const ROWS_PER_INSERT = 500;

/**
 * Inserts drift events, one statement per {@link ROWS_PER_INSERT} rather than one per field:
 * a reconcile that heals a hand edit records every field it found changed.
 */
export async function insertDriftRecords(
  db: Knex,
  records: DriftRecord[],
): Promise<void> {
  const rows = records.map(o => ({
    component_ref: o.componentRef,
    environment: o.environment,
    object_ref: o.objectRef,
    field: o.field,
    old_value: o.oldValue ?? null,
    new_value: o.newValue ?? null,
    corrected_at: o.corrected ? db.fn.now() : null,
  }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await db('drift_events').insert(rows.slice(i, i + ROWS_PER_INSERT));
}
