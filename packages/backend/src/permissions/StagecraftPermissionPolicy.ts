import {
  isResourcePermission,
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';

/**
 * The host app's permission policy:
 *
 * - reads are allowed to everyone signed in;
 * - platform admins (users or groups listed in `stagecraft.platformAdmins`) may do anything;
 * - writes on a catalog entity (including Stagecraft deploy/promote/rollback and production
 *   changes, whose resource is the component) are allowed to the entity's owners;
 * - Stagecraft's break-glass (`stagecraft.deployment.break-glass`, past the pipeline rule) has
 *   no resource, so only platform admins hold it;
 * - running software templates is allowed to everyone: golden paths are for all developers;
 * - every other write is denied.
 */
export class StagecraftPermissionPolicy implements PermissionPolicy {
  constructor(private readonly platformAdmins: ReadonlySet<string>) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (permission.attributes.action === 'read') {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.some(ref => this.platformAdmins.has(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (isResourcePermission(permission, 'catalog-entity')) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (permission.name.startsWith('scaffolder.')) {
      return { result: AuthorizeResult.ALLOW };
    }
    return { result: AuthorizeResult.DENY };
  }
}
