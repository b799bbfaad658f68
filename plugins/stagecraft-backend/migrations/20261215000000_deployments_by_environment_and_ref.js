/*
 * A plan reads the deployments of its few neighbours (DeploymentStore.listDeployments with
 * componentRefs: `environment = ? and lower(component_ref) in (...)`, refs match ignoring
 * case). The primary key (component_ref, environment) cannot serve that, so every plan scanned
 * every deployment: a converge of n deployments read n² rows (4 million at 1,000 components ×
 * 2 environments, a tenth of the control plane's CPU). An index on the same expression lets
 * SQLite and PostgreSQL look the handful up.
 */

const NAME = 'deployments_environment_lower_component_ref';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.raw(
    `CREATE INDEX ${NAME} ON deployments (environment, lower(component_ref))`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw(`DROP INDEX ${NAME}`);
};
