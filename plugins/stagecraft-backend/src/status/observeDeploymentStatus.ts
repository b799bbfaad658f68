import type { Deployment, DeploymentStore } from '../database/DeploymentStore';
import type { StatusStore } from '../database/StatusStore';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { targetNameOf } from '../catalog/targetNameOf';
import type { DataPlane } from '../targets/DataPlane';
import { deploymentStatus } from './deploymentStatus';
import { describeUnreadableCluster, isUnreachable } from './unreadableCluster';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';

/**
 * A deployment's status for the API: the stored reconcile outcome, refined on targets with a
 * live cluster by what the cluster says about the rollout. A failed read is reported, not
 * thrown: the deployment's state is then `unknown`, with the cluster and the error as reason.
 */
export async function observeDeploymentStatus(
  deps: {
    store: Pick<DeploymentStore, 'getRelease' | 'getInventory'>;
    status: Pick<StatusStore, 'get'> &
      Partial<Pick<StatusStore, 'recordReady'>>;
    dataPlanes: ReadonlyMap<string, DataPlane>;
  },
  deployment: Deployment,
  catalog: CatalogSnapshot,
  /**
   * Shared by the observations of one listing: a target one of them could not reach (target
   * name → reason) is not asked again for the others, which get the same reason. An
   * unreachable cluster costs a listing one connect timeout, not one per 16 deployments.
   */
  unreadable?: Map<string, string>,
): Promise<DeploymentStatus> {
  const target = targetNameOf(catalog, deployment.environment) ?? '';
  const [release, stored, inventory] = await Promise.all([
    deps.store.getRelease(deployment.releaseId),
    deps.status.get(deployment.componentRef, deployment.environment),
    deps.store.getInventory(deployment.componentRef, deployment.environment),
  ]);
  const cluster = deps.dataPlanes.get(target)?.cluster;
  let observation;
  let observationError;
  if (cluster && deployment.desiredState === 'deployed') {
    observationError = unreadable?.get(target);
    if (observationError === undefined)
      observation = await cluster.observeWorkloads(inventory).catch(error => {
        observationError = describeUnreadableCluster(target, error);
        if (isUnreachable(error)) unreadable?.set(target, observationError);
        return undefined;
      });
  }
  const status = deploymentStatus({
    deployment,
    release,
    stored,
    target,
    observation,
    observationError,
  });
  // Seen rolled out and ready with this release applied: the evidence diagnosis needs to tell
  // the last good release (diagnosis/lastGoodRelease.ts). A status read never fails for it.
  if (
    observation?.state === 'synced' &&
    status.sync.state === 'synced' &&
    stored?.lastAppliedReleaseId === deployment.releaseId
  )
    await deps.status
      .recordReady?.({
        componentRef: deployment.componentRef,
        environment: deployment.environment,
        releaseId: deployment.releaseId,
        evidence: observation.message,
      })
      .catch(() => undefined);
  return status;
}
