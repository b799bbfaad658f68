import { Knex } from 'knex';

const TABLE = 'catalog_accepted_deletions';
/** Stays under every database's limit of bound parameters per statement. */
const CHUNK = 500;

/**
 * The entity refs of catalog deletions an operator accepted by token (docs/events.md §6).
 * Shared by restarts and replicas, so the catalog guard does not hold the same deletion again.
 */
export class AcceptedDeletionStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<string[]> {
    const rows = await this.db(TABLE).select('entity_ref');
    return rows.map(r => String(r.entity_ref));
  }

  async record(refs: string[], token: string): Promise<void> {
    const rows = [...new Set(refs)].map(entity_ref => ({ entity_ref, token }));
    for (let i = 0; i < rows.length; i += CHUNK)
      await this.db(TABLE)
        .insert(rows.slice(i, i + CHUNK))
        .onConflict('entity_ref')
        .merge(['token']);
  }

  async forget(refs: string[]): Promise<void> {
    for (let i = 0; i < refs.length; i += CHUNK)
      await this.db(TABLE)
        .whereIn('entity_ref', refs.slice(i, i + CHUNK))
        .delete();
  }
}
