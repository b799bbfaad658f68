import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { projectNameOf } from '@stagecraft/plugin-stagecraft-common';
import { targetNameOf } from '../catalog/targetNameOf';
import { Change, ChangeAction } from '../apply/ChangeSet';
import { EmptySetError } from '../apply/errors';
import { DeploymentPlan } from '../plan/planDeployment';
import {
  planStoredDeployment,
  PresenceRead,
} from '../plan/planStoredDeployment';
import { snapshotComponent } from '../plan/releaseSnapshot';
import type { Deployment } from '../database/DeploymentStore';
import type { StoredStatus } from '../database/StatusStore';
import { shortReleaseId } from '../deployment/shortReleaseId';
import { PermanentError } from '../queue/PermanentError';
import { DataPlane, SyncRequest, SyncResult } from '../targets/DataPlane';
import type { ReconcileInput } from './reconcileDeployment';

// The steps of reconcileDeployment. Each either returns what the next one needs or throws:
// a PermanentError when the deployment cannot succeed as it is, any other error when a retry
// may (a cluster or repository that did not answer).

/** A valid plan, with what it read of its neighbours' deployments. */
export type ValidPlan = Extract<DeploymentPlan, { valid: true }> & {
  presence?: PresenceRead;
};

/** The part of a sync request that depends on the desired state. */
type DesiredSync = Pick<
  SyncRequest,
  'project' | 'component' | 'manifests' | 'shared' | 'undeploy'
>;

export const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/** The data plane of the deployment's environment. */
export function dataPlaneOf(o: ReconcileInput): DataPlane {
  const { environment } = o.key;
  const targetName = targetNameOf(o.catalog, environment);
  if (!targetName)
    throw new PermanentError(
      `environment "${environment}" is not in the catalog`,
    );
  const plane = o.dataPlane(targetName);
  if (!plane)
    throw new PermanentError(
      `environment "${environment}" uses target "${targetName}", which is not configured in stagecraft.targets`,
    );
  return plane;
}

/**
 * What the data plane should hold. Undeployed: nothing; a GitOps target finds the deployment's
 * file by project and component, which come from the release that was deployed, so nothing is
 * compiled. Deployed: the release compiled against today's catalog, with its plan.
 */
export async function desiredSync(
  o: ReconcileInput,
  deployment: Deployment,
): Promise<{ request: DesiredSync; plan?: ValidPlan; pinned: Entity }> {
  const { releaseId } = deployment;
  if (deployment.desiredState === 'undeployed') {
    const cannot = (why: string) =>
      new PermanentError(`cannot undeploy: release ${releaseId} ${why}`);
    const release = await o.store.getRelease(releaseId);
    if (!release) throw cannot('does not exist');
    const component = snapshotComponent(release.snapshot);
    if (!component)
      throw cannot('cannot be read (its snapshot has no component)');
    const project = projectNameOf(component);
    if (!project) throw cannot('names no project');
    return {
      request: {
        project,
        component: parseEntityRef(o.key.componentRef).name,
        manifests: [],
        shared: [],
        undeploy: true,
      },
      pinned: component,
    };
  }
  const plan = await planStoredDeployment({
    store: o.store,
    catalog: o.catalog,
    deployment,
    extensions: o.extensions,
  });
  if (!plan) throw new PermanentError(`release ${releaseId} does not exist`);
  if (!plan.valid) throw new PermanentError(plan.reason);
  return {
    request: {
      project: plan.project,
      component: plan.component,
      manifests: plan.manifests,
      shared: plan.shared,
      undeploy: false,
    },
    plan,
    pinned: plan.release.component,
  };
}

/** The set is the one the last successful apply wrote: anything the apply changes now is drift. */
export function sameAsLastApply(
  last: StoredStatus | undefined,
  deployment: Deployment,
  plan: ValidPlan,
): boolean {
  return (
    last?.desiredHash === plan.desiredHash &&
    last?.lastAppliedReleaseId === deployment.releaseId
  );
}

/**
 * Syncs to the data plane; a failure names the target. A data plane that refuses the set itself
 * (empty without an undeploy, names it cannot write) refuses it again on every retry.
 */
export async function syncTo(
  plane: DataPlane,
  request: SyncRequest,
): Promise<SyncResult> {
  try {
    return await plane.sync(request);
  } catch (error) {
    const reason = `sync to ${plane.type} target "${
      plane.name
    }" failed: ${messageOf(error)}`;
    if (error instanceof EmptySetError || error instanceof InputError)
      throw new PermanentError(reason, { cause: error });
    throw new Error(reason, { cause: error });
  }
}

function summarise(changes: Change[]): string {
  const counts = new Map<string, number>();
  for (const c of changes)
    counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  return (
    [...counts].map(([action, n]) => `${n} ${action}`).join(', ') ||
    'nothing to do'
  );
}

const UNDEPLOYED = 'undeployed';

/** What a successful reconcile did. */
interface SyncOutcome {
  deployment: Deployment;
  plan?: ValidPlan;
  changes: Change[];
  drift: number;
}

/**
 * The change a successful reconcile reports: what it did, unless it changed nothing and the
 * last recorded change is about the same desired state (the release it applies, or an
 * undeploy): then that one, which is still what happened last. `changed` says which.
 */
export function lastChangeOf(
  last: StoredStatus | undefined,
  outcome: SyncOutcome,
): { summary: string; changed: boolean } {
  const summary = syncedReason(outcome);
  const nothingChanged =
    outcome.drift === 0 &&
    outcome.changes.every(c => c.action === ChangeAction.Unchanged);
  const sameDesiredState = outcome.plan
    ? last?.lastAppliedReleaseId === outcome.deployment.releaseId &&
      !last.lastChange?.startsWith(UNDEPLOYED)
    : last?.lastChange?.startsWith(UNDEPLOYED);
  if (nothingChanged && last?.lastChange && sameDesiredState)
    return { summary: last.lastChange, changed: false };
  return { summary, changed: true };
}

/** What a successful reconcile did, for the deployment's status. */
export function syncedReason(o: SyncOutcome): string {
  if (!o.plan) return `${UNDEPLOYED} (${summarise(o.changes)})`;
  if (o.drift > 0)
    return `corrected ${o.drift} drifted field(s): ${summarise(
      o.changes.filter(c => c.action !== ChangeAction.Unchanged),
    )}`;
  return `applied release ${shortReleaseId(
    o.deployment.releaseId,
  )}: ${summarise(o.changes)}`;
}
