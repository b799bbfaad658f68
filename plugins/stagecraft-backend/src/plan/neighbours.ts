import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { Deployment } from '../database/DeploymentStore';
import type { StatusStore } from '../database/StatusStore';
import { DeploymentKey } from '../deployment/DeploymentKey';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * The components whose compiled objects read one component's catalog entity or whether it is
 * deployed (the inverse of `CatalogSnapshot.involvedEntities`):
 *
 * - the providers of the endpoints it depends on: their ingress policies admit it while it is
 *   deployed in their environment, in its project's namespace;
 * - the consumers of its endpoints: their pending connections say whether it is deployed, and
 *   their egress policies and connection settings name its namespace.
 *
 * Gateway routes and the project's shared objects read only a component's own endpoints and the
 * environment, so no other component is involved. `versions` are versions of the one component
 * (the catalog's entity, a release's snapshot, the previous release's): their neighbours are
 * united, so the provider of a dependency just removed is re-planned too. Refs are lower-case.
 */
export function neighboursOf(
  catalog: CatalogSnapshot,
  versions: Entity[],
): Set<string> {
  const self = new Set(versions.map(v => lower(stringifyEntityRef(v))));
  const out = new Set<string>();
  const add = (entity: Entity | undefined) => {
    const ref = entity && lower(stringifyEntityRef(entity));
    if (ref && !self.has(ref)) out.add(ref);
  };
  for (const version of versions) {
    for (const { provider } of catalog.dependenciesOf(version)) add(provider);
    for (const consumer of catalog.consumersOfComponent(
      stringifyEntityRef(version),
    ))
      add(consumer);
  }
  return out;
}

/**
 * The deployments to re-plan when one component changed: its neighbours' deployments that are
 * deployed, in `environment` only (it arrived in or left that environment), or in every
 * environment when left out (its catalog entity changed, which every environment reads).
 */
export function deploymentsToReplan(o: {
  catalog: CatalogSnapshot;
  versions: Entity[];
  deployments: Deployment[];
  environment?: string;
}): DeploymentKey[] {
  const neighbours = neighboursOf(o.catalog, o.versions);
  return o.deployments
    .filter(
      d =>
        d.desiredState === 'deployed' &&
        (o.environment === undefined || d.environment === o.environment) &&
        neighbours.has(lower(d.componentRef)),
    )
    .map(d => ({ componentRef: d.componentRef, environment: d.environment }));
}

/**
 * Re-plans the neighbours of one component that changed: the deployments `deploymentsToReplan`
 * names are marked `pending` — what they applied is stale, so they must not claim Synced
 * meanwhile — and queued. The reconcile loop (a deployment arrived in or left an environment)
 * and the catalog trigger (a component's entity changed, left the catalog or lost its deploy
 * intent) both come through here, so neither can forget the marking. Resolves with the
 * deployments queued.
 */
export async function replanNeighbours(o: {
  catalog: CatalogSnapshot;
  versions: Entity[];
  deployments: Deployment[];
  environment?: string;
  /** Why, for the neighbours' status: `re-planning: <why>`. */
  why: string;
  status: Pick<StatusStore, 'save'>;
  enqueue: (key: DeploymentKey) => void;
  /** Deployments whose current plan is known to need no re-plan for this change. */
  unaffected?: (key: DeploymentKey) => boolean;
}): Promise<DeploymentKey[]> {
  const targets = deploymentsToReplan(o).filter(t => !o.unaffected?.(t));
  for (const target of targets) {
    // Marked before it is queued: queued first, its reconcile could finish before the mark
    // and leave it `pending` with nothing left to clear that.
    await o.status.save({
      ...target,
      state: 'pending',
      reason: `re-planning: ${o.why}`,
    });
    o.enqueue(target);
  }
  return targets;
}
