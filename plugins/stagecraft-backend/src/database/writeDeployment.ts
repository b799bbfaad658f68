import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import {
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
  if (!existing) await tx('deployments').insert(row);
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
