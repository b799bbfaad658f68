/*
 * Stagecraft control plane state. Releases are immutable snapshots; deployments bind a
 * component and an environment to a release; history records every action with its actor;
 * inventories hold what each deployment applied (the only objects it may prune); drift events
 * record what changed behind Stagecraft's back.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('releases', table => {
    table
      .string('id', 64)
      .primary()
      .comment('sha256 of the snapshot: identical snapshots share one release');
    table.string('component_ref').notNullable();
    table
      .text('snapshot')
      .notNullable()
      .comment('JSON: component intent, image, resolved type and trait specs');
    table.string('created_by').notNullable();
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.index(['component_ref', 'created_at']);
  });

  await knex.schema.createTable('deployments', table => {
    table.string('component_ref').notNullable();
    table.string('environment').notNullable();
    table
      .string('release_id', 64)
      .notNullable()
      .references('id')
      .inTable('releases');
    table.text('overrides').notNullable().defaultTo('{}');
    table
      .string('desired_state', 16)
      .notNullable()
      .comment('deployed | undeployed');
    table
      .integer('generation')
      .notNullable()
      .defaultTo(1)
      .comment('bumped by every change; redeploys too');
    table.string('updated_by').notNullable();
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.primary(['component_ref', 'environment']);
  });

  await knex.schema.createTable('history', table => {
    table.increments('id');
    table.string('component_ref').notNullable();
    table.string('environment').notNullable();
    table
      .string('action', 32)
      .notNullable()
      .comment('deploy | promote | rollback | redeploy | undeploy | ...');
    table.string('release_id', 64).nullable();
    table.string('actor').notNullable();
    table
      .timestamp('at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.text('details').notNullable().defaultTo('{}');
    table.index(['component_ref', 'environment', 'id']);
  });

  await knex.schema.createTable('inventories', table => {
    table.string('component_ref').notNullable();
    table.string('environment').notNullable();
    table.text('entries').notNullable();
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.primary(['component_ref', 'environment']);
  });

  await knex.schema.createTable('drift_events', table => {
    table.increments('id');
    table.string('component_ref').notNullable();
    table.string('environment').notNullable();
    table.string('object_ref').notNullable();
    table.string('field').notNullable();
    table.text('old_value').nullable();
    table.text('new_value').nullable();
    table
      .timestamp('detected_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now());
    table.timestamp('corrected_at', { useTz: true }).nullable();
    table.index(['component_ref', 'environment', 'id']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'drift_events',
    'inventories',
    'history',
    'deployments',
    'releases',
  ]) {
    await knex.schema.dropTable(table);
  }
};
