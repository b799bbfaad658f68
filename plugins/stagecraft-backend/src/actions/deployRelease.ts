import { ConflictError, InputError } from '@backstage/errors';
import {
  stagecraftBreakGlassPermission,
  stagecraftDeployPermission,
  stagecraftRedeployPermission,
} from '@stagecraft/plugin-stagecraft-common';
import { personOf } from './actorOf';
import { authorizeBasic } from './authorization';
import { changeDeployment } from './auditedAction';
import { existingDeployment, releaseOf } from './deploymentLookups';
import { checkStageEntry, pipelinePosition } from './pipelineRule';
import type { ServiceDeps } from './ServiceDeps';
import type {
  ActionContext,
  BreakGlass,
  DeploymentStatus,
  DeploymentKey,
} from './types';

/**
 * Deploys a release (default: the one the catalog intent last produced) to an environment.
 * A deploy is a promotion in all but name: the pipeline rule applies, so outside the first
 * stage only a release that ran in the stage before gets in, and never into an
 * approval-gated stage. Break-glass skips the order and the approval for a person holding its
 * own permission, with a reason, at high audit severity and marked in history — but not the
 * pipeline: it is the way past a missing approver in an incident, not into an environment the
 * component does not deploy to. A deploy of the release the deployment already has (desired
 * and deployed) writes nothing and answers the deployment as it is — still authorized, admitted
 * and audited (meta `unchanged: true`), and queued; redeploy is the way to re-apply it.
 */
export async function deployRelease(
  deps: ServiceDeps,
  o: DeploymentKey & { releaseId?: string; breakGlass?: BreakGlass },
  ctx: ActionContext,
): Promise<DeploymentStatus> {
  const breakGlass = o.breakGlass && { reason: o.breakGlass.reason.trim() };
  const target = {
    componentRef: o.componentRef,
    environment: o.environment,
  };
  return changeDeployment(
    deps,
    {
      action: 'deploy',
      permission: stagecraftDeployPermission,
      target,
      auditMeta: breakGlass ? { breakGlass: true, ...breakGlass } : undefined,
      severityLevel: breakGlass ? 'high' : undefined,
    },
    ctx,
    async ({ catalog, component }) => {
      const releaseId = o.releaseId ?? (await latestRelease(deps, target));
      await releaseOf(deps, o.componentRef, releaseId);
      const position = pipelinePosition(
        catalog,
        component,
        o.componentRef,
        o.environment,
      );
      if (breakGlass) {
        if (!breakGlass.reason)
          throw new InputError('a break-glass deploy needs a reason');
        personOf(ctx.credentials, 'break glass');
        await authorizeBasic(
          deps,
          stagecraftBreakGlassPermission,
          ctx.credentials,
        );
        return {
          releaseId,
          desiredState: 'deployed',
          details: { breakGlass: true, reason: breakGlass.reason },
        };
      }
      await checkStageEntry(deps.store, {
        componentRef: o.componentRef,
        position,
        releaseId,
        entry: { by: 'promotion' },
      });
      // Admitted, and perhaps already so (the catalog trigger deployed the new release a moment
      // before, or while, the caller asked): then answered unchanged, not recorded again.
      return { releaseId, desiredState: 'deployed', unlessAlready: true };
    },
  );
}

async function latestRelease(
  deps: ServiceDeps,
  target: DeploymentKey,
): Promise<string> {
  const releaseId =
    (await deps.store.getCatalogHead(target.componentRef)) ??
    (await deps.store.listReleases(target.componentRef))[0]?.id;
  if (!releaseId)
    throw new ConflictError(`${target.componentRef} has no release yet`);
  return releaseId;
}

/**
 * Re-applies the release a deployment has, overwriting hand edits, in an environment that is
 * still a stage of the component's pipeline. A running release needs no more (it was admitted
 * when it arrived); an undeployed one comes back only as a rollback would — to a release that
 * ran there (pipeline rule). In a gated stage it needs the production permission (as changes
 * of any gated stage do), whichever pipeline gates it.
 */
export async function redeployRelease(
  deps: ServiceDeps,
  target: DeploymentKey,
  ctx: ActionContext,
): Promise<DeploymentStatus> {
  return changeDeployment(
    deps,
    { action: 'redeploy', permission: stagecraftRedeployPermission, target },
    ctx,
    async ({ catalog, component }) => {
      const current = await existingDeployment(deps, target);
      const position = pipelinePosition(
        catalog,
        component,
        target.componentRef,
        target.environment,
      );
      if (current.desiredState === 'undeployed')
        await checkStageEntry(deps.store, {
          componentRef: target.componentRef,
          position,
          releaseId: current.releaseId,
          entry: { by: 'redeploy' },
        });
      return {
        releaseId: current.releaseId,
        desiredState: 'deployed',
        expectedGeneration: current.generation,
      };
    },
  );
}
