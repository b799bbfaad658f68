import type { Deployment } from '../database/DeploymentStore';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { EnvironmentPlan, planEnvironment } from '../plan/planEnvironment';
import type { TrafficDeps } from '../traffic/TrafficDeps';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * A change to an environment's deployments that has not happened: the component's deployment
 * replaced by one running `releaseId`, or removed (`releaseId` undefined).
 */
export interface WhatIf {
  componentRef: string;
  releaseId?: string;
}

/**
 * Plans an environment as it would be after `whatIf`, with the reconciler's own planner
 * (`planEnvironment`): only the deployments it lists differ, so the answer cannot disagree with
 * what the control plane would apply. Nothing is written.
 */
export function planWhatIf(
  deps: Pick<TrafficDeps, 'store' | 'extensions'>,
  o: { catalog: CatalogSnapshot; environment: string; whatIf?: WhatIf },
): Promise<EnvironmentPlan> {
  const { whatIf } = o;
  const store: Parameters<typeof planEnvironment>[0]['store'] = {
    getRelease: id => deps.store.getRelease(id),
    listDeployments: async filter => {
      const listed = await deps.store.listDeployments(filter);
      if (!whatIf) return listed;
      const others = listed.filter(
        d => lower(d.componentRef) !== lower(whatIf.componentRef),
      );
      if (whatIf.releaseId === undefined) return others;
      const current = listed.find(
        d => lower(d.componentRef) === lower(whatIf.componentRef),
      );
      const promoted: Deployment = {
        componentRef: current?.componentRef ?? whatIf.componentRef,
        environment: o.environment,
        releaseId: whatIf.releaseId,
        overrides: current?.overrides ?? {},
        desiredState: 'deployed',
        generation: (current?.generation ?? 0) + 1,
        updatedBy: 'impact-preview',
        updatedAt: new Date(),
      };
      return [...others, promoted];
    },
  };
  return planEnvironment({
    store,
    catalog: o.catalog,
    environment: o.environment,
    extensions: deps.extensions,
  });
}
