import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { LiveStateCache } from '../apply/LiveStateCache';
import { digest, manifestDigest } from '../apply/ownedState';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { Deployment } from '../database/DeploymentStore';

/** What one successful reconcile left in place, and under which inputs it was planned. */
interface Steady {
  inputs: string;
  liveState: LiveStateCache;
  objects: { manifest: Manifest; digest: string }[];
}

const catalogDigests = new WeakMap<CatalogSnapshot, string>();

/** The digest of a catalog snapshot's entities, computed once per snapshot. */
function catalogDigest(catalog: CatalogSnapshot): string {
  let found = catalogDigests.get(catalog);
  if (!found) {
    found = digest(JSON.stringify(catalog.entities));
    catalogDigests.set(catalog, found);
  }
  return found;
}

/**
 * What a deployment's plan is computed from, as one string: its row (a write bumps the
 * generation) and the catalog. The environment's other deployments are compared apart, once
 * per resync (see {@link presenceByEnvironment}).
 */
export function planInputs(d: Deployment, catalog: CatalogSnapshot): string {
  return `${d.releaseId}|${d.generation}|${d.desiredState}|${catalogDigest(
    catalog,
  )}`;
}

/** Per environment, a digest of which components are deployed there. */
export function presenceByEnvironment(
  deployments: Deployment[],
): Map<string, string> {
  const refs = new Map<string, string[]>();
  for (const d of deployments) {
    if (d.desiredState !== 'deployed') continue;
    const list = refs.get(d.environment) ?? [];
    list.push(d.componentRef);
    refs.set(d.environment, list);
  }
  return new Map(
    [...refs].map(([environment, list]) => [
      environment,
      digest(list.sort().join('\n')),
    ]),
  );
}

/**
 * The deployments this replica last reconciled successfully, so that a periodic resync can
 * leave alone those still at rest: planned from the same inputs, and every object they wrote
 * known up to date by the cluster's live state cache (the drift watches). Those cost the
 * resync neither a compile, nor a database write, nor an API request. Anything else (inputs
 * changed, an object drifted or unknown to the cache, a target without a cache such as GitOps)
 * is reconciled in full, as before.
 */
export class SteadyDeployments {
  private readonly byKey = new Map<string, Steady>();

  /** After a successful reconcile planned from `inputs` that wrote `manifests` there. */
  record(
    key: string,
    o: { inputs: string; liveState?: LiveStateCache; manifests: Manifest[] },
  ): void {
    if (!o.liveState) {
      this.byKey.delete(key);
      return;
    }
    this.byKey.set(key, {
      inputs: o.inputs,
      liveState: o.liveState,
      objects: o.manifests.map(manifest => ({
        manifest,
        digest: manifestDigest(manifest),
      })),
    });
  }

  forget(key: string): void {
    this.byKey.delete(key);
  }

  /** Whether the deployment is still as its last reconcile left it; no request is made. */
  atRest(key: string, inputs: string): boolean {
    const steady = this.byKey.get(key);
    if (!steady || steady.inputs !== inputs) return false;
    return steady.objects.every(
      o => steady.liveState.recall(o.manifest, o.digest) === 'up-to-date',
    );
  }
}
