import { Entity } from '@backstage/catalog-model';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { DeploymentStore } from '../database/DeploymentStore';
import { StatusStore } from '../database/StatusStore';
import { DeploymentKey } from '../deployment/DeploymentKey';
import { neighboursOf, replanNeighbours } from '../plan/neighbours';
import { snapshotComponent } from '../plan/releaseSnapshot';
import { PlannedPresence } from './PlannedPresence';

/**
 * A deployment arrived in or left its environment: the deployments there whose plans read
 * that (see `neighboursOf`) are marked pending and queued (`replanNeighbours`; once: the
 * queue de-duplicates). A neighbour's reconcile queues further deployments only if it too
 * arrives or leaves, which a re-plan does not cause, so this never loops. A neighbour whose
 * last applied plan already read this deployment as it is now is left alone (`planned`).
 */
export async function replanNeighboursOf(
  key: DeploymentKey,
  o: {
    store: DeploymentStore;
    status: StatusStore;
    catalog: CatalogSnapshot;
    enqueue: (key: DeploymentKey) => void;
    planned: PlannedPresence;
  },
): Promise<void> {
  const { store, status, catalog, planned } = o;
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
  const generation = deployment?.generation ?? 0;
  await replanNeighbours({
    catalog,
    versions,
    // Only the neighbours' rows: reading the whole environment per arrival cost n² rows.
    deployments: await store.listDeployments({
      environment: key.environment,
      componentRefs: [...neighboursOf(catalog, versions)],
    }),
    environment: key.environment,
    why: `${key.componentRef} ${change} ${key.environment}`,
    status,
    enqueue: o.enqueue,
    unaffected: target =>
      planned.sawCurrent(target, key.componentRef, generation),
  });
}
