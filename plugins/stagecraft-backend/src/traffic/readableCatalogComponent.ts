import type { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  EndpointEntity,
  stagecraftDeploymentReadPermission,
} from '@stagecraft/plugin-stagecraft-common';
import { authorize, readableRefs } from '../actions/authorization';
import type { ActionContext } from '../actions/types';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { endpointAndProvider } from './resolveDestination';
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

/**
 * An endpoint whose provider the caller may read, and that provider's ref. An endpoint the
 * catalog lacks and one served by a component the caller may not read get the same refusal,
 * naming only what the caller typed: otherwise the answer would tell which endpoints exist
 * and name the component behind one the caller may not see.
 */
export async function readableEndpoint(
  deps: Pick<TrafficDeps, 'permissions'>,
  catalog: CatalogSnapshot,
  endpointRef: string,
  ctx: ActionContext,
): Promise<{ endpoint: EndpointEntity; providerRef: string }> {
  const unreadable = new NotFoundError(
    `${endpointRef} is not an endpoint you may read: it is not in the catalog, or you may not read the component that serves it`,
  );
  if (!catalog.endpoint(endpointRef)) throw unreadable;
  const found = endpointAndProvider(catalog, endpointRef);
  const readable = await readableRefs(deps, [found.providerRef], ctx);
  if (!readable.has(found.providerRef)) throw unreadable;
  return found;
}
