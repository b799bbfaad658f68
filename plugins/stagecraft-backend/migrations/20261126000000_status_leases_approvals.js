/*
 * Control plane coordination and reporting: the last reconcile's outcome per deployment (shared
 * by every backend replica), per-deployment leases so no two replicas reconcile one deployment
 * at once, the release each component's catalog intent last produced, and promotion approvals.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_status', table => {
    table.string('component_ref').notNullable();
    table.string('environment').notNullable();
    table
      .string('state', 16)
      .notNullable()
      .comment('synced | progressing | degraded | drifted | pending | failed');
    table.text('reason').notNullable();
    table.integer('observed_generation').nullable();
    table.string('last_applied_release_id', 64).nullable();
    table
      .string('desired_hash', 64)
      .nullable()
      .comment(
        'sha256 of the last applied set: tells drift from our own changes',
      );
    table.string('revision').nullable();
    table.text('urls').notNullable().defaultTo('[]');
    table.text('pending_connections').notNullable().defaultTo('[]');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.timestamp('synced_at', { useTz: true }).nullable();
    table.primary(['component_ref', 'environment']);
  });

  await knex.schema.createTable('deployment_leases', table => {
    table.string('lease_key', 512).primary();
    table.string('holder').notNullable();
    table
      .bigInteger('expires_at_ms')
      .notNullable()
      .comment('epoch milliseconds; replicas are assumed NTP-synchronised');
  });

  await knex.schema.createTable('catalog_heads', table => {
    table.string('component_ref').primary();
    table
      .string('release_id', 64)
      .notNullable()
      .comment(
        'the release the catalog intent last produced: a new one triggers a deploy',
      );
    table
      .timestamp('seen_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('approvals', table => {
    table.increments('id');
    table.string('component_ref').notNullable();
    table.string('environment').notNullable();
    table.string('from_environment').notNullable();
    table.string('release_id', 64).notNullable();
    table.string('requested_by').notNullable();
    table
      .timestamp('requested_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table
      .string('state', 16)
      .notNullable()
      .comment('pending | approved | denied');
    table.string('decided_by').nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('comment').nullable();
    table.index(['component_ref', 'id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'approvals',
    'catalog_heads',
    'deployment_leases',
    'deployment_status',
  ]) {
    await knex.schema.dropTable(table);
  }
};
