import { Knex } from 'knex';

const TABLE = 'catalog_read_stamp';

/**
 * The fingerprint of the newest catalog read any replica made, shared through the plugin
 * database (catalog/CatalogSource.ts, migration catalog_read_stamp).
 */
export class CatalogReadStampStore {
  constructor(private readonly db: Knex) {}

  async latest(): Promise<string | undefined> {
    const row = await this.db(TABLE).where({ id: 1 }).first();
    return row ? String(row.fingerprint) : undefined;
  }

  async record(fingerprint: string): Promise<void> {
    await this.db(TABLE)
      .insert({ id: 1, fingerprint, updated_at: this.db.fn.now() })
      .onConflict('id')
      .merge();
  }
}
