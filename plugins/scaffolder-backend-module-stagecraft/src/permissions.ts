import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Commit to a component's local repository (`stagecraft:publish:local` on an existing
 * repository, e.g. the Add a dependency template). The component is the resource, so a
 * policy can grant it to the component's owners — as a git host grants push to a team.
 *
 * @public
 */
export const stagecraftRepositoryWritePermission = createPermission({
  name: 'stagecraft.repository.write',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Commit to the platform team's repository (`stagecraft:publish:platform`): new Environments,
 * pipelines, component types and traits, which decide what runs where and how safely. A
 * policy grants it to the platform team only.
 *
 * @public
 */
export const stagecraftPlatformRepositoryWritePermission = createPermission({
  name: 'stagecraft.platform-repository.write',
  attributes: { action: 'create' },
});

/** Every permission the module checks, for the permissions registry. */
export const scaffolderStagecraftPermissions = [
  stagecraftRepositoryWritePermission,
  stagecraftPlatformRepositoryWritePermission,
];
