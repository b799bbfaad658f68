import type { Deployment, Release } from '../database/DeploymentStore';
import type { StoredStatus } from '../database/StatusStore';
import type { WorkloadObservation } from '../targets/DataPlane';
import type {
  DeploymentStatus,
  SyncState,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * What the API reports for one deployment: the desired state from the database, the last
 * reconcile's outcome, and (for Kubernetes targets) what the cluster says about the rollout.
 */
export function deploymentStatus(o: {
  deployment: Deployment;
  release?: Release;
  stored?: StoredStatus;
  target: string;
  observation?: WorkloadObservation;
  /** The cluster could not be asked; the stored outcome is all there is. */
  observationError?: string;
}): DeploymentStatus {
  const { deployment, stored, observation } = o;
  const [state, reason] = syncState(o);
  return {
    componentRef: deployment.componentRef,
    environment: deployment.environment,
    target: o.target,
    releaseId: deployment.releaseId,
    image: o.release?.snapshot.image as string | undefined,
    desiredState: deployment.desiredState,
    generation: deployment.generation,
    updatedBy: deployment.updatedBy,
    updatedAt: deployment.updatedAt.toISOString(),
    sync: {
      state,
      reason,
      observedGeneration: stored?.observedGeneration,
      lastAppliedReleaseId: stored?.lastAppliedReleaseId,
      lastSyncedAt: stored?.syncedAt?.toISOString(),
      revision: stored?.revision,
    },
    replicas: observation && {
      desired: observation.desired,
      ready: observation.ready,
      updated: observation.updated,
    },
    urls: stored?.urls ?? [],
    pendingConnections: stored?.pendingConnections ?? [],
  };
}

function syncState(
  o: Parameters<typeof deploymentStatus>[0],
): [SyncState, string] {
  const { deployment, stored, observation } = o;
  if (!stored || (stored.observedGeneration ?? 0) < deployment.generation) {
    return [
      'pending',
      `generation ${deployment.generation} (${deployment.desiredState}) is queued for reconcile`,
    ];
  }
  if (stored.state !== 'synced') return [stored.state, stored.reason];
  if (deployment.desiredState === 'undeployed')
    return ['synced', stored.reason];
  if (o.observationError)
    return [
      'synced',
      `${stored.reason}; live state unavailable: ${o.observationError}`,
    ];
  if (!observation) return ['synced', stored.reason];
  if (observation.failure) return ['degraded', observation.failure];
  const { desired, ready, updated } = observation;
  if (observation.stale || updated < desired || ready < desired) {
    return [
      'progressing',
      `${ready}/${desired} replicas ready, ${updated} updated`,
    ];
  }
  return ['synced', `${ready}/${desired} replicas ready; ${stored.reason}`];
}
