import { CompilerExtensions } from '@stagecraft/plugin-stagecraft-node';
import type { Deployment, DeploymentStore } from '../database/DeploymentStore';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { DeploymentPlan, planDeployment } from './planDeployment';
import { ReleaseSnapshot, readSnapshot } from './releaseSnapshot';

/**
 * Plans a deployment from what the database holds: its stored release, compiled against the
 * current catalog with the environment's other deployed components. Undefined when the
 * release is missing; invalid when its snapshot cannot be read (no retry reads it better). The
 * reconciler applies the plan; the runtime views show it.
 */
export async function planStoredDeployment(o: {
  store: Pick<DeploymentStore, 'getRelease' | 'listDeployments'>;
  catalog: CatalogSnapshot;
  deployment: Deployment;
  extensions?: CompilerExtensions;
  /** The environment's deployed components, when the caller has listed them already. */
  deployedRefs?: string[];
}): Promise<DeploymentPlan | undefined> {
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
  const deployedRefs =
    o.deployedRefs ??
    (await o.store.listDeployments({ environment: o.deployment.environment }))
      .filter(d => d.desiredState === 'deployed')
      .map(d => d.componentRef);
  return planDeployment({
    catalog: o.catalog,
    deployment: o.deployment,
    release: snapshot,
    deployedRefs,
    extensions: o.extensions,
  });
}
