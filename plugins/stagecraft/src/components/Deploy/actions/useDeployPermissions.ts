import {
  AsyncPermissionResult,
  usePermission,
} from '@backstage/plugin-permission-react';
import {
  deploymentChangePermissions,
  permissionsFor,
  stagecraftProductionChangePermission,
} from '@stagecraft/plugin-stagecraft-common';

/** The actions the Deploy tab offers on an environment. */
export type DeployAction =
  | 'promote'
  | 'rollback'
  | 'redeploy'
  | 'undeploy'
  | 'approve';

/** Whether the user may act, and if not, a sentence saying why. */
export type Allowance = { allowed: true } | { allowed: false; reason: string };

/** The stage an action changes: for a promotion, the stage it enters. */
export interface ActionStage {
  /** Named in the reason when given. */
  environment?: string;
  production: boolean;
  /**
   * Whether the stage is approval-gated. An approval decision may leave it out: requests
   * exist only for approval-gated stages, so deciding one counts as a change of such a stage.
   */
  requiresApproval?: boolean;
}

/** Whether an action is allowed on a stage (production and approval-gated ones need more). */
export type AllowanceFor = (
  action: DeployAction,
  stage: ActionStage,
) => Allowance;

const verb: Record<DeployAction, string> = {
  promote: 'promote',
  rollback: 'roll back',
  redeploy: 'redeploy',
  undeploy: 'undeploy',
  approve: 'approve or deny promotions of',
};

/**
 * Asks the permission framework, once per permission, what the user may do to the component,
 * and answers per action with the permissions the backend checks for it (`permissionsFor`,
 * shared with the backend), so a disabled button explains the 403 it would get.
 */
export function useDeployPermissions(componentRef: string): AllowanceFor {
  const resourceRef = componentRef;
  const ask = deploymentChangePermissions;
  const results: Record<string, AsyncPermissionResult> = {
    [ask.promote.name]: usePermission({
      permission: ask.promote,
      resourceRef,
    }),
    [ask.rollback.name]: usePermission({
      permission: ask.rollback,
      resourceRef,
    }),
    [ask.redeploy.name]: usePermission({
      permission: ask.redeploy,
      resourceRef,
    }),
    [ask.undeploy.name]: usePermission({
      permission: ask.undeploy,
      resourceRef,
    }),
    [ask.approve.name]: usePermission({
      permission: ask.approve,
      resourceRef,
    }),
    [stagecraftProductionChangePermission.name]: usePermission({
      permission: stagecraftProductionChangePermission,
      resourceRef,
    }),
  };

  return (action, stage) => {
    const requiresApproval = stage.requiresApproval ?? action === 'approve';
    const [own, ...more] = permissionsFor(action, {
      production: stage.production,
      requiresApproval,
    }).map(permission => {
      const result = results[permission.name];
      if (!result)
        throw new Error(`useDeployPermissions never asks ${permission.name}`);
      return result;
    });
    if ([own, ...more].some(r => r.loading))
      return { allowed: false, reason: 'Checking your permissions…' };
    if (!own.allowed)
      return {
        allowed: false,
        reason: `You are not permitted to ${verb[action]} this component.`,
      };
    if (more.some(r => !r.allowed))
      return {
        allowed: false,
        reason: stage.production
          ? 'This is a production environment: changing it needs the production permission.'
          : `${
              stage.environment ?? 'This stage'
            } needs an approval for promotions: changing it needs the production permission.`,
      };
    return { allowed: true };
  };
}

/**
 * The allowance, unless the action cannot apply anyway: then `blocker` is the reason. A
 * permission denial wins, as it is the one thing the user cannot change by waiting.
 */
export function unless(
  allowance: Allowance,
  blocker: string | undefined,
): Allowance {
  if (!allowance.allowed || !blocker) return allowance;
  return { allowed: false, reason: blocker };
}
