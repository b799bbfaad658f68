/*
 * At most one pending approval request per component, environment and release. Concurrent
 * promotions used to race past the service's "is one pending already?" read on PostgreSQL and
 * open a request (and a history entry) each; with this index the second insert is a no-op and
 * the promotion joins the pending request.
 *
 * Duplicates recorded before the index are closed first: the oldest pending request stays,
 * the others are marked denied by `stagecraft:migration` with a comment naming the one kept.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  const pending = await knex('approvals')
    .where({ state: 'pending' })
    .orderBy('id', 'asc');
  const kept = new Map();
  for (const row of pending) {
    const key = `${row.component_ref}\n${row.environment}\n${row.release_id}`;
    const original = kept.get(key);
    if (original === undefined) {
      kept.set(key, row.id);
      continue;
    }
    await knex('approvals')
      .where({ id: row.id })
      .update({
        state: 'denied',
        decided_by: 'stagecraft:migration',
        decided_at: knex.fn.now(),
        comment: `duplicate of approval request ${original}`,
      });
  }
  // A partial index: decided requests may repeat (a release can be requested again after a
  // denial). Both SQLite and PostgreSQL support the WHERE clause.
  await knex.raw(
    `CREATE UNIQUE INDEX approvals_one_pending_per_release
       ON approvals (component_ref, environment, release_id)
       WHERE state = 'pending'`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('DROP INDEX approvals_one_pending_per_release');
};
