/*
 * The fingerprint of the newest catalog read any replica made (catalog/CatalogSource.ts): each
 * replica keeps its read of the catalog until a trigger pass replaces it, but the pass runs on
 * one replica only; the others look at this one row at most every 2 s and read the catalog again
 * when it names a read they do not have. One row, id 1.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('catalog_read_stamp', table => {
    table.integer('id').primary();
    table
      .string('fingerprint', 64)
      .notNullable()
      .comment('sha256 of the entity refs and etags of the read');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('catalog_read_stamp');
};
