import { Entity } from '@backstage/catalog-model';
import { CompilerExtensions } from '@stagecraft/plugin-stagecraft-node';
import { Change } from '../apply/ChangeSet';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { recordDrift } from '../drift/recordDrift';
import { sameInventory } from '../inventory/inventory';
import { DeploymentStore } from '../database/DeploymentStore';
import type { Deployment } from '../database/DeploymentStore';
import { StatusStore, StatusUpdate } from '../database/StatusStore';
import {
  DeploymentKey,
  deploymentKeyString,
} from '../deployment/DeploymentKey';
import { PlannedPresence } from './PlannedPresence';
import { DataPlane } from '../targets/DataPlane';
import {
  dataPlaneOf,
  desiredSync,
  lastChangeOf,
  messageOf,
  sameAsLastApply,
  syncTo,
  ValidPlan,
} from './reconcileSteps';

/** The outcome of one reconcile of one deployment that did not fail. */
export type ReconcileResult =
  | { outcome: 'absent' }
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
      /** What was applied; undefined for an undeploy. */
      plan?: ValidPlan;
      /** The deployment as this reconcile read it: what it was planned from. */
      deployment: Deployment;
      /** The component as the deployment's release pinned it. */
      pinned: Entity;
    };

/** What a reconcile reads and writes. */
export interface ReconcileInput {
  key: DeploymentKey;
  store: DeploymentStore;
  status: StatusStore;
  catalog: CatalogSnapshot;
  dataPlane: (target: string) => DataPlane | undefined;
  extensions?: CompilerExtensions;
  /** Told what the plan read of the neighbours as soon as it is made (see PlannedPresence). */
  planned?: PlannedPresence;
}

const presenceChanged = (before: unknown[], after: unknown[]) =>
  before.length > 0 !== after.length > 0;

/**
 * Reconciles one deployment (component × environment) towards its stored release; the caller
 * holds the deployment's lease:
 *
 * 1. the deployment's environment names the data plane to sync to;
 * 2. what that data plane should hold: nothing when undeployed, else the release compiled
 *    against today's catalog (an invalid intent syncs nothing);
 * 3. sync it (server-side dry run and apply, or a git commit) and store the inventory, which is
 *    all a later sync may prune;
 * 4. if the desired set is the one applied last time, what the sync changed was drift: record it;
 * 5. record the outcome: what this pass changed, or, when it changed nothing, the last change
 *    it found in place (a resync or a re-queue does not overwrite "1 configured" with
 *    "8 unchanged"; `synced_at` says when it was last checked).
 *
 * The outcome is recorded in one place for success and one for failure: whatever step fails,
 * the status says `failed` with the error's message (keeping the last good release and hash)
 * and the error is rethrown for the work queue. Failures that no retry can fix (an invalid
 * intent, an empty set, a release that cannot be read) are PermanentErrors, which the queue
 * does not retry with backoff; the deployment runs again when it is queued again (a new desired
 * state, a re-plan, the periodic resync).
 */
export async function reconcileDeployment(
  o: ReconcileInput,
): Promise<ReconcileResult> {
  const { componentRef, environment } = o.key;
  const deployment = await o.store.getDeployment(componentRef, environment);
  if (!deployment) return { outcome: 'absent' };
  const record = (update: Omit<StatusUpdate, keyof DeploymentKey>) =>
    o.status.save({
      ...o.key,
      observedGeneration: deployment.generation,
      ...update,
    });

  try {
    const plane = dataPlaneOf(o);
    const desired = await desiredSync(o, deployment);
    const { plan } = desired;
    o.planned?.record(deploymentKeyString(o.key), plan?.presence);
    const last = await o.status.get(componentRef, environment);
    const steady = plan ? sameAsLastApply(last, deployment, plan) : false;
    const previous = await o.store.getInventory(componentRef, environment);

    const result = await syncTo(plane, {
      ...desired.request,
      key: o.key,
      previous,
      releaseId: deployment.releaseId,
      actor: deployment.updatedBy,
    });
    // Most reconciles after the first (drift, re-plans, resyncs) leave the set as it was.
    if (!sameInventory(previous, result.inventory))
      await o.store.saveInventory(componentRef, environment, result.inventory);
    const drift = steady
      ? await recordDrift(o.store, o.key, result.changes, previous)
      : 0;

    const change = lastChangeOf(last, {
      deployment,
      plan,
      changes: result.changes,
      drift,
    });
    // A target's repair (a stale git lock removed) is news even when nothing else changed.
    const repaired = result.notes?.length ? `; ${result.notes.join('; ')}` : '';
    await record({
      state: 'synced',
      reason: change.summary + repaired,
      lastChange:
        change.changed || repaired ? change.summary + repaired : undefined,
      lastAppliedReleaseId: plan && deployment.releaseId,
      desiredHash: plan?.desiredHash,
      revision: result.revision,
      urls: plan?.urls ?? [],
      pendingConnections: plan?.pendingConnections ?? [],
      synced: true,
    });
    return {
      outcome: 'applied',
      changes: result.changes,
      drift,
      presenceChanged: presenceChanged(previous, result.inventory),
      plan,
      deployment,
      pinned: desired.pinned,
    };
  } catch (error) {
    o.planned?.forget(deploymentKeyString(o.key));
    await record({ state: 'failed', reason: messageOf(error) });
    throw error;
  }
}
