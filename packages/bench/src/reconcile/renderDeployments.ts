import { stringifyEntityRef } from '@backstage/catalog-model';
import { applyStages, Manifest } from '@stagecraft/plugin-stagecraft-node';
import { CatalogSnapshot } from '@stagecraft/plugin-stagecraft-backend/src/catalog/CatalogSnapshot';
import { planDeployment } from '@stagecraft/plugin-stagecraft-backend/src/plan/planDeployment';
import { snapshotRelease } from '@stagecraft/plugin-stagecraft-backend/src/plan/releaseSnapshot';
import { entryId } from '@stagecraft/plugin-stagecraft-backend/src/inventory/inventory';

/** Every deployment's objects, shared ones once each. */
export interface RenderedSet {
  objects: Manifest[];
  /** The objects in the applier's stages (`applyStages`): Namespaces, then the rest. */
  stages: Manifest[][];
  /** Each deployment's own objects (those no other deployment shares), in the planner's order. */
  deployments: Manifest[][];
}

const refOf = (m: Manifest) =>
  entryId({
    apiVersion: m.apiVersion,
    kind: m.kind,
    namespace: m.metadata.namespace,
    name: m.metadata.name,
  });

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
  const deployments: Manifest[][] = [];
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
      deployments.push(plan.manifests);
    }
  }
  const objects = [...shared.values(), ...deployments.flat()];
  return { objects, stages: applyStages(objects), deployments };
}
