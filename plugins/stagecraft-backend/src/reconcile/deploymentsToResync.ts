import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { Deployment } from '../database/DeploymentStore';
import { deploymentKeyString } from '../deployment/DeploymentKey';
import { PlannedPresence } from './PlannedPresence';
import { planInputs, SteadyDeployments } from './steadyState';

/**
 * The deployments a periodic resync queues: every one not known to be at rest
 * (`SteadyDeployments`: same inputs, every object as applied). In an environment whose
 * deployed components changed since the last resync (`presence` against `presenceBefore`,
 * by `presenceByEnvironment`), one at rest is queued too unless its last plan read every
 * component it involves at its current generation (`PlannedPresence`). That catches a
 * neighbour's re-plan that was lost (a replica died between an arrival and its re-plans)
 * without compiling the whole environment again after every arrival: at rest means the same
 * catalog, so the same involved components. Without a catalog nothing is at rest.
 */
export function deploymentsToResync(o: {
  deployments: Deployment[];
  catalog: CatalogSnapshot | undefined;
  presenceBefore: Map<string, string> | undefined;
  presence: Map<string, string>;
  steady: SteadyDeployments;
  planned: PlannedPresence;
}): Deployment[] {
  const { catalog } = o;
  if (!catalog) return o.deployments;
  const generations = generationsByEnvironment(o.deployments);
  return o.deployments.filter(d => {
    const key = deploymentKeyString(d);
    if (!o.steady.atRest(key, planInputs(d, catalog))) return true;
    const { environment } = d;
    if (o.presenceBefore?.get(environment) === o.presence.get(environment))
      return false;
    const inEnvironment = generations.get(environment);
    return !o.planned.readCurrent(key, ref => inEnvironment?.get(ref) ?? 0);
  });
}

/** Per environment, the generation of each component's deployment row, by lower-case ref. */
function generationsByEnvironment(
  deployments: Deployment[],
): Map<string, Map<string, number>> {
  const byEnvironment = new Map<string, Map<string, number>>();
  for (const d of deployments) {
    const generations = byEnvironment.get(d.environment) ?? new Map();
    generations.set(d.componentRef.toLocaleLowerCase('en-US'), d.generation);
    byEnvironment.set(d.environment, generations);
  }
  return byEnvironment;
}
