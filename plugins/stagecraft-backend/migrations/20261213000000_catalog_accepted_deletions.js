/*
 * Deletions an operator accepted through stagecraft.catalogGuard.accept (docs/events.md §6):
 * one row per vanished entity ref. The catalog guard leaves these refs out of its "every
 * deployed component vanished" rule, so an accepted deletion stays accepted after a restart
 * and on every replica, although the deployments stay `deployed` until someone undeploys them.
 * A row is removed when its entity is back in the catalog: vanishing again is a new change.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('catalog_accepted_deletions', table => {
    table.string('entity_ref').primary().comment('lower-case entity ref');
    table
      .string('token', 64)
      .notNullable()
      .comment('the stagecraft.catalogGuard.accept token that accepted it');
    table
      .timestamp('accepted_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('catalog_accepted_deletions');
};
