import {
  CompilerExtensions,
  Manifest,
} from '@stagecraft/plugin-stagecraft-node';
import type { Deployment, DeploymentStore } from '../database/DeploymentStore';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { DeploymentPlan } from './planDeployment';
import { planStoredDeployment } from './planStoredDeployment';

/** What the control plane wants an environment to hold, deployment by deployment. */
export interface EnvironmentPlan {
  /** Every deployment of the environment whose desired state is `deployed`. */
  deployments: Deployment[];
  /** The plan of each of them by component ref; absent when its release is missing. */
  plans: Map<string, DeploymentPlan>;
  /**
   * The objects of every valid plan together: each deployment's own and, once per namespace,
   * the shared ones (Namespace, default-deny policy). A deployment whose plan is invalid
   * contributes nothing; the reconciler would not apply it either.
   */
  manifests: Manifest[];
}

const identity = (m: Manifest) =>
  `${m.apiVersion} ${m.kind} ${m.metadata.namespace ?? ''} ${m.metadata.name}`;

/**
 * Plans every deployment of one environment exactly as the reconciler plans each of them
 * (`planStoredDeployment`: its stored release against today's catalog, with the environment's
 * deployed components), so questions about the environment as a whole — which traffic its
 * policies admit — are answered from the objects the control plane applies, not from a
 * second compile that could disagree with it.
 */
export async function planEnvironment(o: {
  store: Pick<DeploymentStore, 'getRelease' | 'listDeployments'>;
  catalog: CatalogSnapshot;
  environment: string;
  extensions?: CompilerExtensions;
}): Promise<EnvironmentPlan> {
  const deployments = (
    await o.store.listDeployments({ environment: o.environment })
  ).filter(d => d.desiredState === 'deployed');
  const deployedRefs = deployments.map(d => d.componentRef);
  const plans = new Map<string, DeploymentPlan>();
  const manifests = new Map<string, Manifest>();
  for (const deployment of deployments) {
    const plan = await planStoredDeployment({
      store: o.store,
      catalog: o.catalog,
      deployment,
      extensions: o.extensions,
      deployedRefs,
    });
    if (!plan) continue;
    plans.set(deployment.componentRef, plan);
    if (!plan.valid) continue;
    for (const m of [...plan.shared, ...plan.manifests])
      manifests.set(identity(m), m);
  }
  return { deployments, plans, manifests: [...manifests.values()] };
}
