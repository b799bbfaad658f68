import { isDatabaseConflictError } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  alreadyDeploys,
  Deployment,
  deploymentFromRow,
  DesiredState,
  HistoryAction,
} from './records';

/** A change of what a component should run in an environment, and the action it records. */
export interface DeploymentWrite {
  componentRef: string;
  environment: string;
  releaseId: string;
  desiredState: DesiredState;
  overrides?: Record<string, unknown>;
  action: HistoryAction;
  actor: string;
  details?: Record<string, unknown>;
  expectedGeneration?: number;
}

/**
 * Writes a deployment and its history entry within `tx`. With `expectedGeneration`, the change
 * is refused when the deployment changed since the caller read it (0: it must not exist yet).
 */
export async function writeDeployment(
  tx: Knex.Transaction,
  o: DeploymentWrite,
): Promise<Deployment> {
  // Checked here, not only by the foreign key: SQLite enforces those only per connection
  // setting, and the caller deserves a clear error either way.
  if (!(await tx('releases').where({ id: o.releaseId }).first())) {
    throw new NotFoundError(`no release ${o.releaseId}`);
  }
  const key = { component_ref: o.componentRef, environment: o.environment };
  const existing = await tx('deployments').where(key).first();
  const generation = Number(existing?.generation ?? 0);
  if (
    o.expectedGeneration !== undefined &&
    o.expectedGeneration !== generation
  ) {
    throw new ConflictError(
      `${o.componentRef} in ${o.environment} changed while this ${o.action} was being decided (generation ${o.expectedGeneration} → ${generation}); look again and retry`,
    );
  }
  const row = {
    ...key,
    release_id: o.releaseId,
    overrides: JSON.stringify(o.overrides ?? {}),
    desired_state: o.desiredState,
    generation: generation + 1,
    updated_by: o.actor,
    updated_at: tx.fn.now(),
  };
  if (!existing) await insertDeployment(tx, row, o.action);
  else if (o.expectedGeneration === undefined)
    await tx('deployments').where(key).update(row);
  // PostgreSQL reads committed, not serialisable: the generation in the condition makes
  // a change that committed since the read above lose here instead of being overwritten.
  else if (
    (await tx('deployments')
      .where({ ...key, generation })
      .update(row)) === 0
  )
    throw new ConflictError(
      `${o.componentRef} in ${o.environment} changed while this ${o.action} was being written; look again and retry`,
    );
  await tx('history').insert({
    ...key,
    action: o.action,
    release_id: o.releaseId,
    actor: o.actor,
    details: JSON.stringify(o.details ?? {}),
  });
  return (await readDeployment(tx, o.componentRef, o.environment))!;
}

/** A deploy's write: the deployment's release, desired deployed, and its history entry. */
export type DeployWrite = Omit<
  DeploymentWrite,
  'desiredState' | 'expectedGeneration'
>;

/** How often a deploy looks again after losing to a concurrent write before it gives up. */
const DEPLOY_ATTEMPTS = 3;

/**
 * Writes a deploy unless the deployment already deploys that release ({@link alreadyDeploys}),
 * and says which. Checked against concurrent writers, not only against what was read first:
 * the write is conditional on the generation it read, and one that lost to a write committed
 * meanwhile reads again. So a deploy that races the catalog trigger's (or another caller's)
 * deploy of the same release records one deploy, not two; against a different release the
 * later write still wins, as it would have without the race.
 */
export async function writeDeployUnlessAlready(
  tx: Knex.Transaction,
  o: DeployWrite,
): Promise<{ deployment: Deployment; written: boolean }> {
  for (let attempt = 1; ; attempt++) {
    const existing = await readDeployment(tx, o.componentRef, o.environment);
    const generation = existing?.generation ?? 0;
    if (alreadyDeploys(existing, o.releaseId))
      return { deployment: existing, written: false };
    try {
      const deployment = await writeDeployment(tx, {
        ...o,
        desiredState: 'deployed',
        expectedGeneration: generation,
      });
      return { deployment, written: true };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt === DEPLOY_ATTEMPTS)
        throw error;
    }
  }
}

/**
 * Inserts a deployment's first row. Under a savepoint: a row another writer inserted meanwhile
 * fails the insert without aborting the caller's transaction (PostgreSQL's would), and is
 * answered as the conflict it is rather than as a database error.
 */
async function insertDeployment(
  tx: Knex.Transaction,
  row: Record<string, unknown>,
  action: HistoryAction,
): Promise<void> {
  try {
    await tx.transaction(savepoint => savepoint('deployments').insert(row));
  } catch (error) {
    if (!isDatabaseConflictError(error)) throw error;
    throw new ConflictError(
      `${row.component_ref} in ${row.environment} was created while this ${action} was being written; look again and retry`,
    );
  }
}

/** One deployment as `db` (the store's connection or a transaction) sees it. */
export async function readDeployment(
  db: Knex,
  componentRef: string,
  environment: string,
): Promise<Deployment | undefined> {
  const row = await db('deployments')
    .where({ component_ref: componentRef, environment })
    .first();
  return row && deploymentFromRow(row);
}
