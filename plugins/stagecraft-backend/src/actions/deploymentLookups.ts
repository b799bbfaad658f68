import { NotFoundError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import type { Deployment, Release } from '../database/DeploymentStore';
import { snapshotComponent } from '../plan/releaseSnapshot';
import type { ServiceDeps } from './ServiceDeps';
import type { DeploymentKey } from './types';

/** The deployment a target addresses; refused as not found when there is none. */
export async function existingDeployment(
  deps: Pick<ServiceDeps, 'store'>,
  target: DeploymentKey,
): Promise<Deployment> {
  const deployment = await deps.store.getDeployment(
    target.componentRef,
    target.environment,
  );
  if (!deployment)
    throw new NotFoundError(
      `${target.componentRef} has no deployment in ${target.environment}`,
    );
  return deployment;
}

/** A release of this component; another component's release is as unknown as a made-up id. */
export async function releaseOf(
  deps: Pick<ServiceDeps, 'store'>,
  componentRef: string,
  releaseId: string,
): Promise<Release> {
  const release = await deps.store.getRelease(releaseId);
  if (!release || release.componentRef !== componentRef)
    throw new NotFoundError(`${componentRef} has no release ${releaseId}`);
  return release;
}

/** The component entity the target's deployment runs, as its release pinned it; none without one. */
export async function deployedComponent(
  deps: Pick<ServiceDeps, 'store'>,
  target: DeploymentKey,
): Promise<Entity | undefined> {
  const deployment = await deps.store.getDeployment(
    target.componentRef,
    target.environment,
  );
  const release =
    deployment && (await deps.store.getRelease(deployment.releaseId));
  return release && snapshotComponent(release.snapshot);
}
