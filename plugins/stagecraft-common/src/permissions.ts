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
 * Deploy, redeploy or undeploy a component in an environment.
 *
 * @public
 */
export const stagecraftDeployPermission = createPermission({
  name: 'stagecraft.deployment.deploy',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Promote a component's release to the next environment of its pipeline, or approve a promotion.
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
 * Every permission Stagecraft defines, for registration with the permissions registry.
 *
 * @public
 */
export const stagecraftPermissions = [
  stagecraftDeploymentReadPermission,
  stagecraftDeployPermission,
  stagecraftPromotePermission,
  stagecraftRollbackPermission,
];
