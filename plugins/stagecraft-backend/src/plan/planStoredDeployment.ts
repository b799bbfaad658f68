import { stringifyEntityRef } from '@backstage/catalog-model';
import { CompilerExtensions } from '@stagecraft/plugin-stagecraft-node';
import type { Deployment, DeploymentStore } from '../database/DeploymentStore';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import {
  DeploymentPlan,
  involvedEntitiesOf,
  planDeployment,
} from './planDeployment';
import { ReleaseSnapshot, readSnapshot } from './releaseSnapshot';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * What a plan read of its environment: the generation of the deployment row of every component
 * its compile involves (lower-case ref; 0 when there is none). The same generations later mean
 * the same presence, so re-planning on a neighbour's arrival would change nothing
 * (`replanNeighboursOf`). Generations only grow, so this holds for whichever replica planned.
 */
export type PresenceRead = Map<string, number>;

/** A plan of a stored release, with the snapshot it was compiled from when that could be read. */
export type StoredDeploymentPlan =
  | (DeploymentPlan & { release: ReleaseSnapshot; presence?: PresenceRead })
  | Extract<DeploymentPlan, { valid: false }>;

/**
 * Plans a deployment from what the database holds: its stored release, compiled against the
 * current catalog with the environment's other deployed components. Undefined when the
 * release is missing; invalid when its snapshot cannot be read (no retry reads it better). The
 * reconciler applies the plan; the runtime views show it.
 *
 * Only the deployments of the components the compile involves are read (its neighbours: a
 * handful), not the whole environment: reading every row for every reconcile made a converge
 * of n deployments cost n² rows.
 */
export async function planStoredDeployment(o: {
  store: Pick<DeploymentStore, 'getRelease' | 'listDeployments'>;
  catalog: CatalogSnapshot;
  deployment: Deployment;
  extensions?: CompilerExtensions;
  /** The environment's deployed components, when the caller has listed them already. */
  deployedRefs?: string[];
}): Promise<StoredDeploymentPlan | undefined> {
  const release = await o.store.getRelease(o.deployment.releaseId);
  if (!release) return undefined;
  let snapshot: ReleaseSnapshot;
  try {
    snapshot = readSnapshot(release.snapshot);
  } catch (error) {
    return {
      valid: false,
      reason: `release ${release.id} cannot be read: ${
        error instanceof Error ? error.message : String(error)
      }`,
      diagnostics: [],
    };
  }
  const involved = involvedEntitiesOf(o.catalog, snapshot);
  const read = o.deployedRefs
    ? { deployedRefs: o.deployedRefs }
    : await readPresence(o.store, o.deployment.environment, [
        o.deployment.componentRef,
        ...involved
          .filter(e => lower(e.kind) === 'component')
          .map(e => stringifyEntityRef(e)),
      ]);
  const plan = planDeployment({
    catalog: o.catalog,
    deployment: o.deployment,
    release: snapshot,
    deployedRefs: read.deployedRefs,
    extensions: o.extensions,
    involved,
  });
  return 'presence' in read
    ? { ...plan, presence: read.presence, release: snapshot }
    : { ...plan, release: snapshot };
}

/** The deployed ones among `refs` in the environment, and the generation of each one's row. */
async function readPresence(
  store: Pick<DeploymentStore, 'listDeployments'>,
  environment: string,
  refs: string[],
): Promise<{ deployedRefs: string[]; presence: PresenceRead }> {
  const wanted = new Set(refs.map(lower));
  // A store that ignores the filter returns more: only the wanted ones count.
  const rows = (
    await store.listDeployments({ environment, componentRefs: [...wanted] })
  ).filter(d => wanted.has(lower(d.componentRef)));
  const presence: PresenceRead = new Map([...wanted].map(ref => [ref, 0]));
  for (const d of rows) presence.set(lower(d.componentRef), d.generation);
  return {
    deployedRefs: rows
      .filter(d => d.desiredState === 'deployed')
      .map(d => d.componentRef),
    presence,
  };
}
