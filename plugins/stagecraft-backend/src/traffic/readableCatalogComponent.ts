import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { stagecraftDeploymentReadPermission } from '@stagecraft/plugin-stagecraft-common';
import { authorize } from '../actions/authorization';
import type { ActionContext } from '../actions/types';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { TrafficDeps } from './TrafficDeps';

/**
 * A component the caller may read (`stagecraft.deployment.read`, the deployment reads' check,
 * asked before the catalog is looked at, so a caller without it learns nothing). Unlike the
 * deployment reads it need not be deployable: a component without `spec.deploy` still serves
 * endpoints and depends on others, and a question about it deserves an answer, not a refusal.
 */
export async function readableCatalogComponent(
  deps: Pick<TrafficDeps, 'permissions'>,
  catalog: CatalogSnapshot,
  componentRef: string,
  ctx: ActionContext,
): Promise<Entity> {
  await authorize(
    deps,
    stagecraftDeploymentReadPermission,
    componentRef,
    ctx.credentials,
  );
  const component = catalog.get(componentRef);
  if (!component || component.kind !== 'Component')
    throw new NotFoundError(`${componentRef} is not in the catalog`);
  return component;
}
