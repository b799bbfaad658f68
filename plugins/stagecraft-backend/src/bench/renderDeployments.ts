import { stringifyEntityRef } from '@backstage/catalog-model';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { CatalogSnapshot } from '../controlplane/CatalogSnapshot';
import { planDeployment } from '../controlplane/planDeployment';
import { snapshotRelease } from '../controlplane/releaseSnapshot';

/** Every deployment's objects, split the way a sync applies them. */
export interface RenderedSet {
  /** The projects' Namespaces, once each: they must exist before anything in them. */
  namespaces: Manifest[];
  /** The other shared objects (once each), then every deployment's own objects. */
  objects: Manifest[];
}

const refOf = (m: Manifest) =>
  `${m.apiVersion}/${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;

/**
 * Renders every deployable component in every environment with the reconciler's own planner
 * (current catalog intent, every component deployed), so another tool can apply exactly what
 * the control plane would. Shared objects that several deployments carry appear once. Fails
 * on an invalid deployment: a benchmark of partial sets would compare nothing.
 */
export function renderDeployments(
  catalog: CatalogSnapshot,
  environments: string[],
): RenderedSet {
  const components = catalog.deployableComponents();
  const deployedRefs = components.map(c => stringifyEntityRef(c));
  const shared = new Map<string, Manifest>();
  const own: Manifest[] = [];
  for (const component of components) {
    const componentRef = stringifyEntityRef(component);
    for (const environment of environments) {
      const plan = planDeployment({
        catalog,
        deployment: {
          componentRef,
          environment,
          releaseId: 'bench',
          overrides: {},
          desiredState: 'deployed',
          generation: 1,
          updatedBy: 'user:default/bench',
          updatedAt: new Date(),
        },
        release: snapshotRelease(catalog, component),
        deployedRefs,
      });
      if (!plan.valid)
        throw new Error(`${componentRef} in ${environment}: ${plan.reason}`);
      for (const m of plan.shared) shared.set(refOf(m), m);
      own.push(...plan.manifests);
    }
  }
  const all = [...shared.values()];
  return {
    namespaces: all.filter(m => m.kind === 'Namespace'),
    objects: [...all.filter(m => m.kind !== 'Namespace'), ...own],
  };
}
