import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read a component's deployments, runtime state and logs. The component is the resource.
 *
 * @public
 */
export const stagecraftDeploymentReadPermission = createPermission({
  name: 'stagecraft.deployment.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Deploy a release of a component to an environment.
 *
 * @public
 */
export const stagecraftDeployPermission = createPermission({
  name: 'stagecraft.deployment.deploy',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Promote a component's release to the next environment of its pipeline (or request the
 * approval the pipeline requires).
 *
 * @public
 */
export const stagecraftPromotePermission = createPermission({
  name: 'stagecraft.deployment.promote',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Roll a component back to an earlier release.
 *
 * @public
 */
export const stagecraftRollbackPermission = createPermission({
  name: 'stagecraft.deployment.rollback',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve or deny a promotion that waits for approval.
 *
 * @public
 */
export const stagecraftApprovePermission = createPermission({
  name: 'stagecraft.deployment.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Re-apply a deployment's current release, overwriting hand edits.
 *
 * @public
 */
export const stagecraftRedeployPermission = createPermission({
  name: 'stagecraft.deployment.redeploy',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Remove a component from an environment.
 *
 * @public
 */
export const stagecraftUndeployPermission = createPermission({
  name: 'stagecraft.deployment.undeploy',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Checked in addition to the action's own permission when the environment is a production
 * one (`spec.production: true`) or an approval-gated stage of the component's pipeline, so a
 * policy can restrict production to the component's owners while leaving other environments
 * open.
 *
 * @public
 */
export const stagecraftProductionChangePermission = createPermission({
  name: 'stagecraft.deployment.production',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Deploy past the pipeline rule (a release that never ran in the stage before, or into an
 * approval-gated stage without an approval): a platform admin's break-glass path for when
 * the pipeline itself is in the way during an incident. Deliberately not a resource
 * permission, so a policy that lets owners change their own components does not grant it by
 * accident. Each use is audited with severity `high` and marked `breakGlass` in history.
 *
 * @public
 */
export const stagecraftBreakGlassPermission = createPermission({
  name: 'stagecraft.deployment.break-glass',
  attributes: { action: 'update' },
});

/**
 * Every permission Stagecraft defines, for registration with the permissions registry.
 *
 * @public
 */
export const stagecraftPermissions = [
  stagecraftDeploymentReadPermission,
  stagecraftDeployPermission,
  stagecraftPromotePermission,
  stagecraftRollbackPermission,
  stagecraftApprovePermission,
  stagecraftRedeployPermission,
  stagecraftUndeployPermission,
  stagecraftProductionChangePermission,
  stagecraftBreakGlassPermission,
];
