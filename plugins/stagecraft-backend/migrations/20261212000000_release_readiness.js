/*
 * Which releases were seen healthy where: the first time a status read found a release applied
 * and every workload of its deployment rolled out (all replicas of the current template
 * available, nothing old left), one row per component, environment and release. Diagnosis
 * proposes rolling back to the newest release that ran before the trouble AND is in here,
 * instead of guessing "good" from history alone (docs/agents.md, "Last good release").
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_readiness', table => {
    table.string('component_ref').notNullable();
    table.string('environment').notNullable();
    table.string('release_id', 64).notNullable();
    table
      .timestamp('ready_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('the first time it was observed rolled out and ready here');
    table
      .text('evidence')
      .notNullable()
      .comment(
        'what the rollout said then, e.g. "Deployment/api: rolled out: 2 of 2 replicas updated and available"',
      );
    table.primary(['component_ref', 'environment', 'release_id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_readiness');
};
