import { parseEntityRef } from '@backstage/catalog-model';
import { CompilerExtensions } from '@stagecraft/plugin-stagecraft-node';
import { Change, ChangeAction } from '../apply/ChangeSet';
import { DeploymentStore } from '../database/DeploymentStore';
import { StatusStore } from '../database/StatusStore';
import { targetNameOf } from '../actions/observeDeploymentStatus';
import { CatalogSnapshot } from '../controlplane/CatalogSnapshot';
import { DeploymentPlan } from '../controlplane/planDeployment';
import { planStoredDeployment } from '../controlplane/planStoredDeployment';
import { projectOf, readSnapshot } from '../controlplane/releaseSnapshot';
import { recordDrift } from '../controlplane/recordDrift';
import { DeploymentKey } from '../deployment/DeploymentKey';
import { DataPlane } from '../targets/DataPlane';

/** The outcome of one reconcile of one deployment. */
export type ReconcileResult =
  | { outcome: 'absent' }
  | { outcome: 'invalid'; reason: string }
  | {
      outcome: 'applied';
      changes: Change[];
      /** Drift corrected by this reconcile (fields changed or objects deleted by hand). */
      drift: number;
      /**
       * The deployment appeared in its data plane or left it (its inventory went from empty to
       * not, or back): its neighbours' plans are stale (see `neighboursOf`).
       */
      presenceChanged: boolean;
      plan?: Extract<DeploymentPlan, { valid: true }>;
    };

const presenceChanged = (before: unknown[], after: unknown[]) =>
  before.length > 0 !== after.length > 0;

function summarise(changes: Change[]): string {
  const counts = new Map<string, number>();
  for (const c of changes)
    counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  return (
    [...counts].map(([action, n]) => `${n} ${action}`).join(', ') ||
    'nothing to do'
  );
}

/**
 * Reconciles one deployment (component × environment) towards its stored release:
 * compile → validate → sync to the environment's data plane (server-side dry run and apply,
 * or a git commit) → record inventory → prune. Nothing of an invalid deployment is applied;
 * its status says why. The caller holds the deployment's lease.
 */
export async function reconcileDeployment(o: {
  key: DeploymentKey;
  store: DeploymentStore;
  status: StatusStore;
  catalog: CatalogSnapshot;
  dataPlane: (target: string) => DataPlane | undefined;
  extensions?: CompilerExtensions;
}): Promise<ReconcileResult> {
  const { componentRef, environment } = o.key;
  const deployment = await o.store.getDeployment(componentRef, environment);
  if (!deployment) return { outcome: 'absent' };
  const fail = async (reason: string) => {
    await o.status.save({
      ...o.key,
      state: 'failed',
      reason,
      observedGeneration: deployment.generation,
    });
    return { outcome: 'invalid' as const, reason };
  };

  const targetName = targetNameOf(o.catalog, environment);
  if (!targetName)
    return fail(`environment "${environment}" is not in the catalog`);
  const plane = o.dataPlane(targetName);
  if (!plane)
    return fail(
      `environment "${environment}" uses target "${targetName}", which is not configured in stagecraft.targets`,
    );
  const previous = await o.store.getInventory(componentRef, environment);
  const base = {
    key: o.key,
    previous,
    releaseId: deployment.releaseId,
    actor: deployment.updatedBy,
  };

  if (deployment.desiredState === 'undeployed') {
    // A GitOps target finds the deployment's file by project and component; both come from
    // the release that was deployed, so undeploying compiles nothing.
    const release = await o.store.getRelease(deployment.releaseId);
    const project =
      release && projectOf(readSnapshot(release.snapshot).component);
    if (!project)
      return fail(
        `cannot undeploy: release ${deployment.releaseId} names no project`,
      );
    const result = await plane.sync({
      ...base,
      project,
      component: parseEntityRef(componentRef).name,
      manifests: [],
      shared: [],
      undeploy: true,
    });
    await o.store.saveInventory(componentRef, environment, result.inventory);
    await o.status.save({
      ...o.key,
      state: 'synced',
      reason: `undeployed (${summarise(result.changes)})`,
      observedGeneration: deployment.generation,
      revision: result.revision,
      urls: [],
      pendingConnections: [],
      synced: true,
    });
    return {
      outcome: 'applied',
      changes: result.changes,
      drift: 0,
      presenceChanged: presenceChanged(previous, result.inventory),
    };
  }

  const plan = await planStoredDeployment({
    store: o.store,
    catalog: o.catalog,
    deployment,
    extensions: o.extensions,
  });
  if (!plan) return fail(`release ${deployment.releaseId} does not exist`);
  if (!plan.valid) return fail(plan.reason);

  // Same desired set as the last successful apply: anything the apply changes now is drift.
  const last = await o.status.get(componentRef, environment);
  const steady =
    last?.desiredHash === plan.desiredHash &&
    last?.lastAppliedReleaseId === deployment.releaseId;

  const result = await plane
    .sync({
      ...base,
      project: plan.project,
      component: plan.component,
      manifests: plan.manifests,
      shared: plan.shared,
      undeploy: false,
    })
    .catch(async error => {
      // Keep the last good release and hash; the queue retries with backoff.
      await o.status.save({
        ...o.key,
        state: 'failed',
        reason: `sync to ${plane.type} target "${plane.name}" failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
        observedGeneration: deployment.generation,
      });
      throw error;
    });
  await o.store.saveInventory(componentRef, environment, result.inventory);
  const drift = steady
    ? await recordDrift(o.store, o.key, result.changes, previous)
    : 0;
  const written = result.changes.filter(
    c => c.action !== ChangeAction.Unchanged,
  );
  await o.status.save({
    ...o.key,
    state: 'synced',
    reason:
      drift > 0
        ? `corrected ${drift} drifted field(s): ${summarise(written)}`
        : `applied release ${deployment.releaseId.slice(0, 12)}: ${summarise(
            result.changes,
          )}`,
    observedGeneration: deployment.generation,
    lastAppliedReleaseId: deployment.releaseId,
    desiredHash: plan.desiredHash,
    revision: result.revision,
    urls: plan.urls,
    pendingConnections: plan.pendingConnections,
    synced: true,
  });
  return {
    outcome: 'applied',
    changes: result.changes,
    drift,
    presenceChanged: presenceChanged(previous, result.inventory),
    plan,
  };
}
