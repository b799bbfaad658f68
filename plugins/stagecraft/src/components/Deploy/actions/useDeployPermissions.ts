import {
  AsyncPermissionResult,
  usePermission,
} from '@backstage/plugin-permission-react';
import {
  stagecraftApprovePermission,
  stagecraftProductionChangePermission,
  stagecraftPromotePermission,
  stagecraftRedeployPermission,
  stagecraftRollbackPermission,
  stagecraftUndeployPermission,
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

/** Whether an action is allowed on an environment (production ones need more). */
export type AllowanceFor = (
  action: DeployAction,
  environment: { production: boolean },
) => Allowance;

const verb: Record<DeployAction, string> = {
  promote: 'promote',
  rollback: 'roll back',
  redeploy: 'redeploy',
  undeploy: 'undeploy',
  approve: 'approve or deny promotions of',
};

/**
 * Asks the permission framework, once per action, what the user may do to the component:
 * the same checks the backend makes, so a disabled button explains the 403 it would get.
 */
export function useDeployPermissions(componentRef: string): AllowanceFor {
  const resourceRef = componentRef;
  const results: Record<DeployAction, AsyncPermissionResult> = {
    promote: usePermission({
      permission: stagecraftPromotePermission,
      resourceRef,
    }),
    rollback: usePermission({
      permission: stagecraftRollbackPermission,
      resourceRef,
    }),
    redeploy: usePermission({
      permission: stagecraftRedeployPermission,
      resourceRef,
    }),
    undeploy: usePermission({
      permission: stagecraftUndeployPermission,
      resourceRef,
    }),
    approve: usePermission({
      permission: stagecraftApprovePermission,
      resourceRef,
    }),
  };
  const production = usePermission({
    permission: stagecraftProductionChangePermission,
    resourceRef,
  });

  return (action, environment) => {
    const own = results[action];
    const needed = environment.production ? [own, production] : [own];
    if (needed.some(r => r.loading))
      return { allowed: false, reason: 'Checking your permissions…' };
    if (!own.allowed)
      return {
        allowed: false,
        reason: `You are not permitted to ${verb[action]} this component.`,
      };
    if (environment.production && !production.allowed)
      return {
        allowed: false,
        reason:
          'This is a production environment: changing it needs the production permission.',
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
