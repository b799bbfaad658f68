/*
 * A deployment's status keeps the last change a reconcile applied, and when: a later pass that
 * changes nothing (a resync, a re-queue) leaves them as they are and only stamps `synced_at`,
 * so "1 configured" is no longer overwritten by "8 unchanged". Rows from before have none; the
 * next pass records what it did.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployment_status', table => {
    table
      .text('last_change')
      .nullable()
      .comment('what the last reconcile that changed something did');
    table.timestamp('last_change_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployment_status', table => {
    table.dropColumn('last_change');
    table.dropColumn('last_change_at');
  });
};
