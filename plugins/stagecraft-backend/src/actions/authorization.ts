import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  hasDeployIntent,
  stagecraftDeploymentReadPermission,
  stagePermissions,
} from '@stagecraft/plugin-stagecraft-common';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { stageProtection } from './pipelineRule';
import type { ServiceDeps } from './ServiceDeps';
import type { ActionContext, DeploymentKey } from './types';

/** A permission checked with the component as resource. */
export type ComponentPermission = ResourcePermission<'catalog-entity'>;

/** The catalog as a change found it, and the component. */
export interface ChangeScope {
  catalog: CatalogSnapshot;
  component: Entity;
}

/** Refuses unless the caller holds `permission` on the component `resourceRef`. */
export async function authorize(
  deps: Pick<ServiceDeps, 'permissions'>,
  permission: ComponentPermission,
  resourceRef: string,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await deps.permissions.authorize(
    [{ permission, resourceRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW)
    throw new NotAllowedError(
      `${permission.name} on ${resourceRef} is not permitted`,
    );
}

/** Refuses unless the caller holds a permission that has no resource (break-glass). */
export async function authorizeBasic(
  deps: Pick<ServiceDeps, 'permissions'>,
  permission: BasicPermission,
  credentials: BackstageCredentials,
): Promise<void> {
  const [decision] = await deps.permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW)
    throw new NotAllowedError(`${permission.name} is not permitted`);
}

/**
 * How old a catalog read may be before a name missing from it is refused: the shared read is
 * kept until a trigger pass replaces it, and a component published a moment ago (golden path:
 * publish, then deploy) may be in the catalog but not yet in that read.
 */
const RECENT_READ_MS = 2_000;

/**
 * The catalog read, and `found` in it; when `found` finds nothing there, one read at most
 * RECENT_READ_MS old (shared by every caller, so names cannot force reads).
 */
async function readHaving<T>(
  deps: Pick<ServiceDeps, 'catalog'>,
  found: (catalog: CatalogSnapshot) => T | undefined,
): Promise<{ catalog: CatalogSnapshot; value: T | undefined }> {
  const catalog = await deps.catalog();
  const value = found(catalog);
  if (value !== undefined) return { catalog, value };
  const recent = await deps.catalog({ maxAgeMs: RECENT_READ_MS });
  return { catalog: recent, value: found(recent) };
}

/** A component with deploy intent, read with the plugin's own credentials. */
export async function deployableComponent(
  deps: Pick<ServiceDeps, 'catalog'>,
  componentRef: string,
): Promise<{ catalog: CatalogSnapshot; component: Entity }> {
  const { catalog, value: component } = await readHaving(deps, c =>
    c.get(componentRef),
  );
  if (!component || component.kind !== 'Component')
    throw new NotFoundError(`${componentRef} is not in the catalog`);
  if (!hasDeployIntent(component))
    throw new InputError(
      `${componentRef} has no spec.deploy: it is not deployable`,
    );
  return { catalog, component };
}

/**
 * Checks read permission before anything about the component is looked up, so a caller
 * without it learns nothing (not even whether the component exists): the catalog is read
 * with the plugin's own credentials.
 */
export async function readableComponent(
  deps: Pick<ServiceDeps, 'permissions' | 'catalog'>,
  componentRef: string,
  ctx: ActionContext,
) {
  await authorize(
    deps,
    stagecraftDeploymentReadPermission,
    componentRef,
    ctx.credentials,
  );
  return deployableComponent(deps, componentRef);
}

/** The components among `refs` the caller may read, asked in one batch. */
export async function readableRefs(
  deps: Pick<ServiceDeps, 'permissions'>,
  refs: string[],
  ctx: ActionContext,
): Promise<Set<string>> {
  const unique = [...new Set(refs)];
  if (unique.length === 0) return new Set();
  const decisions = await deps.permissions.authorize(
    unique.map(resourceRef => ({
      permission: stagecraftDeploymentReadPermission,
      resourceRef,
    })),
    { credentials: ctx.credentials },
  );
  return new Set(
    unique.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
  );
}

/**
 * The checks every change of a deployment passes: the action's own permission, then an
 * environment that exists, then — for a production environment (`spec.production`) or an
 * approval-gated one (stageProtection: gated by any pipeline, not only the component's own) —
 * `stagecraft.deployment.production` too. The gate counts as well as the flag: an environment
 * a pipeline protects with approvals is production in all but name, and undeploying or
 * redeploying there must not be easier than entering it.
 */
export async function authorizeChange(
  deps: Pick<ServiceDeps, 'permissions' | 'catalog'>,
  permission: ComponentPermission,
  target: DeploymentKey,
  ctx: ActionContext,
  /**
   * Undeploy only: the component as its deployment's release pinned it, for one that left the
   * catalog or lost `spec.deploy` (deleted on purpose), so what it left running can be taken out.
   */
  departed?: () => Promise<Entity | undefined>,
): Promise<ChangeScope> {
  await authorize(deps, permission, target.componentRef, ctx.credentials);
  const found = await deployableComponent(deps, target.componentRef).catch(
    async error => {
      if (!departed) throw error;
      if (!(error instanceof NotFoundError || error instanceof InputError))
        throw error;
      const pinned = await departed();
      if (!pinned) throw error;
      return { catalog: await deps.catalog(), component: pinned };
    },
  );
  const { catalog, value: environment } = await readHaving(
    { catalog: async o => (o ? deps.catalog(o) : found.catalog) },
    c => c.environment(target.environment),
  );
  if (!environment)
    throw new NotFoundError(
      `environment "${target.environment}" is not in the catalog`,
    );
  // The rule the Deploy tab shows too (stagePermissions, in stagecraft-common).
  for (const needed of stagePermissions(
    stageProtection(catalog, target.environment),
  ))
    await authorize(deps, needed, target.componentRef, ctx.credentials);
  return { catalog, component: found.component };
}
