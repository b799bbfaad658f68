import { Entity } from '@backstage/catalog-model';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { DeploymentStore } from '../database/DeploymentStore';
import { StatusStore } from '../database/StatusStore';
import { DeploymentKey } from '../deployment/DeploymentKey';
import { replanNeighbours } from '../plan/neighbours';
import { snapshotComponent } from '../plan/releaseSnapshot';

/**
 * A deployment arrived in or left its environment: the deployments there whose plans read
 * that (see `neighboursOf`) are marked pending and queued (`replanNeighbours`; once: the
 * queue de-duplicates). A neighbour's reconcile queues further deployments only if it too
 * arrives or leaves, which a re-plan does not cause, so this never loops.
 */
export async function replanNeighboursOf(
  key: DeploymentKey,
  o: {
    store: DeploymentStore;
    status: StatusStore;
    catalog: CatalogSnapshot;
    enqueue: (key: DeploymentKey) => void;
  },
): Promise<void> {
  const { store, status, catalog } = o;
  const deployment = await store.getDeployment(
    key.componentRef,
    key.environment,
  );
  const release = deployment && (await store.getRelease(deployment.releaseId));
  const versions = [
    catalog.get(key.componentRef),
    release && snapshotComponent(release.snapshot),
  ].filter((e): e is Entity => e !== undefined);
  const change =
    deployment?.desiredState === 'deployed' ? 'arrived in' : 'left';
  await replanNeighbours({
    catalog,
    versions,
    deployments: await store.listDeployments({
      environment: key.environment,
    }),
    environment: key.environment,
    why: `${key.componentRef} ${change} ${key.environment}`,
    status,
    enqueue: o.enqueue,
  });
}
