import {
  stagecraftRollbackPermission,
  stagecraftUndeployPermission,
} from '@stagecraft/plugin-stagecraft-common';
import { changeDeployment } from './auditedAction';
import { existingDeployment, releaseOf } from './deploymentLookups';
import { checkStageEntry, pipelinePosition } from './pipelineRule';
import type { ServiceDeps } from './ServiceDeps';
import type { ActionContext, DeploymentStatus, DeploymentKey } from './types';

/**
 * Returns a deployment to a release that ran in its environment before (the pipeline rule's
 * rollback entry). History names the release it leaves as `from`; the write is refused if the
 * deployment moved on after it was read, so `from` is always the release actually replaced.
 */
export async function rollbackRelease(
  deps: ServiceDeps,
  o: DeploymentKey & { releaseId: string },
  ctx: ActionContext,
): Promise<DeploymentStatus> {
  const target = { componentRef: o.componentRef, environment: o.environment };
  return changeDeployment(
    deps,
    { action: 'rollback', permission: stagecraftRollbackPermission, target },
    ctx,
    async ({ catalog, component }) => {
      const current = await existingDeployment(deps, target);
      await releaseOf(deps, o.componentRef, o.releaseId);
      await checkStageEntry(deps.store, {
        componentRef: o.componentRef,
        position: pipelinePosition(
          catalog,
          component,
          o.componentRef,
          o.environment,
        ),
        releaseId: o.releaseId,
        entry: {
          by: 'rollback',
          currentReleaseId:
            current.desiredState === 'deployed' ? current.releaseId : undefined,
        },
      });
      return {
        releaseId: o.releaseId,
        desiredState: 'deployed',
        details: { from: current.releaseId },
        expectedGeneration: current.generation,
      };
    },
  );
}

/**
 * Removes a component from an environment; the deployment stays, `undeployed`. Also for a
 * component that left the catalog (its release says which project it ran in). In a
 * production or approval-gated stage it needs the production permission (authorizeChange).
 * No pipeline rule: taking a release out admits nothing, and an environment that left the
 * pipeline must still be able to be emptied.
 */
export async function undeployRelease(
  deps: ServiceDeps,
  target: DeploymentKey,
  ctx: ActionContext,
): Promise<DeploymentStatus> {
  return changeDeployment(
    deps,
    // A component deleted from the catalog on purpose must still be able to be taken out.
    {
      action: 'undeploy',
      permission: stagecraftUndeployPermission,
      target,
      departedAllowed: true,
    },
    ctx,
    async () => {
      const current = await existingDeployment(deps, target);
      return {
        releaseId: current.releaseId,
        desiredState: 'undeployed',
        expectedGeneration: current.generation,
      };
    },
  );
}
