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
 * A deployment is `synced` only when its last reconcile applied the current generation AND
 * every workload has rolled out (rollout/: the `kubectl rollout status` rules per kind);
 * until then it is `progressing`, and a rollout that gave up is `failed` with its reason.
 * When the cluster cannot be read (an outage), it is `unknown`, naming the cluster and why.
 */
export function deploymentStatus(o: {
  deployment: Deployment;
  release?: Release;
  stored?: StoredStatus;
  target: string;
  observation?: WorkloadObservation;
  /**
   * The cluster could not be asked (why, naming the cluster): the deployment's live state is
   * unknown, whatever the stored outcome says.
   */
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
      lastChange: stored?.lastChange
        ? {
            summary: stored.lastChange,
            at: stored.lastChangeAt?.toISOString(),
          }
        : undefined,
      revision: stored?.revision,
    },
    replicas: observation?.replicas && {
      desired: observation.replicas.desired,
      ready: observation.replicas.ready,
      updated: observation.replicas.updated,
      available: observation.replicas.available,
      old: observation.replicas.old + observation.replicas.terminating,
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
  // An outage of the target's cluster, not a verdict on the deployment: its last reconcile
  // worked, and nothing says whether it still runs as applied until the cluster answers.
  if (o.observationError)
    return [
      'unknown',
      `${o.observationError}; last reconcile: ${stored.reason}`,
    ];
  if (!observation) return ['synced', stored.reason];
  // The live rollout decides (rollout/): synced only once every workload has rolled out.
  if (observation.state !== 'synced')
    return [observation.state, observation.message];
  return ['synced', `${observation.message}; ${stored.reason}`];
}
