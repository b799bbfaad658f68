import type {
  Deployment,
  DeploymentStore,
  Release,
} from '../database/DeploymentStore';
import type { StatusStore, StoredStatus } from '../database/StatusStore';
import type { InventoryEntry } from '../inventory/inventory';
import { deploymentKeyString } from '../deployment/DeploymentKey';
import { boundedMap } from '../apply/boundedMap';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { targetNameOf } from '../catalog/targetNameOf';
import type { DataPlane } from '../targets/DataPlane';
import { deploymentStatus } from './deploymentStatus';
import { describeUnreadableCluster, isUnreachable } from './unreadableCluster';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';

/** What a status is made from, besides the deployment and the cluster. */
interface StatusInputs {
  release: Release | undefined;
  stored: StoredStatus | undefined;
  inventory: InventoryEntry[];
}

type ObserveDeps = {
  status: Partial<Pick<StatusStore, 'recordReady'>>;
  dataPlanes: ReadonlyMap<string, DataPlane>;
};

/**
 * A deployment's status for the API: the stored reconcile outcome, refined on targets with a
 * live cluster by what the cluster says about the rollout. A failed read is reported, not
 * thrown: the deployment's state is then `unknown`, with the cluster and the error as reason.
 */
export async function observeDeploymentStatus(
  deps: ObserveDeps & {
    store: Pick<DeploymentStore, 'getRelease' | 'getInventory'>;
    status: Pick<StatusStore, 'get'>;
  },
  deployment: Deployment,
  catalog: CatalogSnapshot,
  unreadable?: Map<string, string>,
): Promise<DeploymentStatus> {
  const [release, stored, inventory] = await Promise.all([
    deps.store.getRelease(deployment.releaseId),
    deps.status.get(deployment.componentRef, deployment.environment),
    deps.store.getInventory(deployment.componentRef, deployment.environment),
  ]);
  return observeWithInputs(
    deps,
    deployment,
    catalog,
    { release, stored, inventory },
    unreadable,
  );
}

/** Deployments whose stored rows a listing reads and holds at once. */
const LISTING_WINDOW = 500;

/**
 * The statuses of many deployments (a listing), in their order: for each window of 500, their
 * releases, stored statuses and inventories read in a few queries, then at most `concurrency`
 * cluster observations at once. Windows bound what is held in memory together and how old a
 * stored row may be when its cluster is read. A target a listing could not reach is not asked
 * again.
 */
export async function observeDeploymentStatuses(
  deps: ObserveDeps & {
    store: Pick<DeploymentStore, 'getReleases' | 'getInventories'>;
    status: Pick<StatusStore, 'getMany'>;
  },
  deployments: readonly Deployment[],
  catalog: CatalogSnapshot,
  concurrency: number,
): Promise<DeploymentStatus[]> {
  const unreadable = new Map<string, string>();
  const out: DeploymentStatus[] = [];
  for (let i = 0; i < deployments.length; i += LISTING_WINDOW) {
    const window = deployments.slice(i, i + LISTING_WINDOW);
    const [releases, stored, inventories] = await Promise.all([
      deps.store.getReleases(window.map(d => d.releaseId)),
      deps.status.getMany(window),
      deps.store.getInventories(window),
    ]);
    out.push(
      ...(await boundedMap(window, concurrency, deployment => {
        const key = deploymentKeyString(deployment);
        return observeWithInputs(
          deps,
          deployment,
          catalog,
          {
            release: releases.get(deployment.releaseId),
            stored: stored.get(key),
            inventory: inventories.get(key) ?? [],
          },
          unreadable,
        );
      })),
    );
  }
  return out;
}

async function observeWithInputs(
  deps: ObserveDeps,
  deployment: Deployment,
  catalog: CatalogSnapshot,
  { release, stored, inventory }: StatusInputs,
  /**
   * Shared by the observations of one listing: a target one of them could not reach (target
   * name → reason) is not asked again for the others, which get the same reason. An
   * unreachable cluster costs a listing one connect timeout, not one per 16 deployments.
   */
  unreadable?: Map<string, string>,
): Promise<DeploymentStatus> {
  const target = targetNameOf(catalog, deployment.environment) ?? '';
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
