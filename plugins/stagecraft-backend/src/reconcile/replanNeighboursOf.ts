import { Entity } from '@backstage/catalog-model';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { DeploymentStore } from '../database/DeploymentStore';
import type { Deployment } from '../database/DeploymentStore';
import { StatusStore } from '../database/StatusStore';
import { DeploymentKey } from '../deployment/DeploymentKey';
import { neighboursOf, replanNeighbours } from '../plan/neighbours';
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
    /**
     * The deployment and the component its release pinned, as the reconcile that changed the
     * presence read them: the presence it applied is the one to tell the neighbours about. A
     * change to the row since is reconciled next, and tells them again if it moves the
     * presence. (Read here again, they cost two queries per arrival.)
     */
    reconciled: { deployment: Deployment; pinned: Entity };
  },
): Promise<void> {
  const { store, status, catalog, planned } = o;
  const { deployment, pinned } = o.reconciled;
  const current = catalog.get(key.componentRef);
  const versions = current ? [current, pinned] : [pinned];
  const change = deployment.desiredState === 'deployed' ? 'arrived in' : 'left';
  const { generation } = deployment;
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
