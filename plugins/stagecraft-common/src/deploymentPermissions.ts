import type { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  stagecraftApprovePermission,
  stagecraftDeployPermission,
  stagecraftProductionChangePermission,
  stagecraftPromotePermission,
  stagecraftRedeployPermission,
  stagecraftRollbackPermission,
  stagecraftUndeployPermission,
} from './permissions';

/*
 * Which permissions a change of a deployment needs: the one rule the backend enforces
 * (authorizeChange) and the Deploy tab shows (useDeployPermissions), so a button is disabled
 * exactly when the request behind it would be refused.
 */

/**
 * A change of a deployment, each under a permission of its own (deny decides a promotion
 * like approve, under the same permission).
 *
 * @public
 */
export type DeploymentChange =
  | 'deploy'
  | 'promote'
  | 'rollback'
  | 'redeploy'
  | 'undeploy'
  | 'approve';

/**
 * What about the stage a change acts on decides how much it needs.
 *
 * @public
 */
export interface StageProtection {
  /** The environment is flagged `spec.production: true`. */
  production: boolean;
  /**
   * The stage is approval-gated: by `requiresApproval` in any pipeline, not only the
   * component's own (see `approvalGatedEnvironments`).
   */
  requiresApproval: boolean;
}

/** A permission with the component as resource. */
type ComponentPermission = ResourcePermission<'catalog-entity'>;

/**
 * The permission each change needs in any stage.
 *
 * @public
 */
export const deploymentChangePermissions: Readonly<
  Record<DeploymentChange, ComponentPermission>
> = {
  deploy: stagecraftDeployPermission,
  promote: stagecraftPromotePermission,
  rollback: stagecraftRollbackPermission,
  redeploy: stagecraftRedeployPermission,
  undeploy: stagecraftUndeployPermission,
  approve: stagecraftApprovePermission,
};

/**
 * The permissions every change of a stage needs besides its own: the production permission
 * for a production environment and for an approval-gated stage alike. A stage the pipeline
 * protects with approvals is production in all but name: redeploying, undeploying or rolling
 * back there must not be easier than entering it.
 *
 * @public
 */
export function stagePermissions(
  stage: StageProtection,
): ComponentPermission[] {
  return stage.production || stage.requiresApproval
    ? [stagecraftProductionChangePermission]
    : [];
}

/**
 * Every permission `change` of a deployment in `stage` needs, its own first, each checked
 * with the component as resource.
 *
 * @public
 */
export function permissionsFor(
  change: DeploymentChange,
  stage: StageProtection,
): ComponentPermission[] {
  return [deploymentChangePermissions[change], ...stagePermissions(stage)];
}
