import { ConflictError } from '@backstage/errors';
import { stagecraftPromotePermission } from '@stagecraft/plugin-stagecraft-common';
import { applyChange, audited, AuditNote, queuedStatus } from './auditedAction';
import { authorizeChange, readableComponent } from './authorization';
import { existingDeployment } from './deploymentLookups';
import { checkStageEntry, pipelinePosition } from './pipelineRule';
import type { ServiceDeps } from './ServiceDeps';
import type { ActionContext, ApprovalRequest, PromoteResult } from './types';

/**
 * Promotes the release running in `from` to the pipeline's next stage: at once, or — when
 * that stage requires approval — by opening an approval request (or joining the pending one
 * for the same release: concurrent promotions make one request and one history entry).
 * The next stage requires approval when stageProtection says so (production, or gated by any
 * pipeline), not only when the component's pipeline does. Every attempt is one auditor event,
 * `deployment-promote`: `requiresApproval` says which way it went, and `outcome` (deployed or
 * approval-requested) is set only once it succeeded.
 */
export async function promoteRelease(
  deps: ServiceDeps,
  o: { componentRef: string; from: string },
  ctx: ActionContext,
): Promise<PromoteResult> {
  const promoted = await audited(
    deps,
    { action: 'promote', meta: { componentRef: o.componentRef, from: o.from } },
    ctx,
    async (actor, note) => {
      // Read permission first, so a caller without it learns nothing about the pipeline.
      const { catalog, component } = await readableComponent(
        deps,
        o.componentRef,
        ctx,
      );
      const { next } = pipelinePosition(
        catalog,
        component,
        o.componentRef,
        o.from,
      );
      if (!next)
        throw new ConflictError(
          `"${o.from}" is the last stage of ${o.componentRef}'s pipeline: there is nothing to promote to`,
        );
      const target = {
        componentRef: o.componentRef,
        environment: next.environment,
      };
      note({
        environment: next.environment,
        requiresApproval: next.requiresApproval,
      });
      if (next.requiresApproval) {
        await authorizeChange(deps, stagecraftPromotePermission, target, ctx);
        const releaseId = await deployedRelease(deps, o.componentRef, o.from);
        const approval = await requestApproval(deps, {
          ...target,
          from: o.from,
          releaseId,
          actor,
          note,
        });
        note({ outcome: 'approval-requested' });
        return { outcome: 'approval-requested' as const, approval };
      }
      const written = await applyChange(
        deps,
        { action: 'promote', permission: stagecraftPromotePermission, target },
        ctx,
        { actor, note },
        async () => {
          const releaseId = await deployedRelease(deps, o.componentRef, o.from);
          await checkStageEntry(deps.store, {
            componentRef: o.componentRef,
            position: pipelinePosition(
              catalog,
              component,
              o.componentRef,
              next.environment,
            ),
            releaseId,
            entry: { by: 'promotion' },
          });
          return {
            releaseId,
            desiredState: 'deployed',
            details: { from: o.from },
          };
        },
      );
      note({ outcome: 'deployed' });
      return { outcome: 'deployed' as const, written };
    },
  );
  return promoted.outcome === 'deployed'
    ? {
        outcome: 'deployed',
        deployment: await queuedStatus(deps, promoted.written),
      }
    : promoted;
}

/** The release deployed in a stage now: what a promotion from it carries on. */
async function deployedRelease(
  deps: ServiceDeps,
  componentRef: string,
  environment: string,
): Promise<string> {
  const source = await existingDeployment(deps, { componentRef, environment });
  if (source.desiredState !== 'deployed')
    throw new ConflictError(
      `${componentRef} is not deployed in ${environment}`,
    );
  return source.releaseId;
}

/**
 * Opens the approval request, with its history entry in the same transaction, or joins the
 * pending one for the same release (then nothing new is recorded).
 */
async function requestApproval(
  deps: ServiceDeps,
  o: {
    componentRef: string;
    environment: string;
    from: string;
    releaseId: string;
    actor: string;
    note: AuditNote;
  },
): Promise<ApprovalRequest> {
  const { request, created } = await deps.approvals.request(
    {
      componentRef: o.componentRef,
      environment: o.environment,
      fromEnvironment: o.from,
      releaseId: o.releaseId,
      requestedBy: o.actor,
    },
    (tx, opened) =>
      deps.store.addHistory(
        {
          componentRef: o.componentRef,
          environment: o.environment,
          action: 'request-approval',
          releaseId: o.releaseId,
          actor: o.actor,
          details: { approvalId: opened.id, from: o.from },
        },
        tx,
      ),
  );
  o.note({
    releaseId: o.releaseId,
    approvalId: request.id,
    joinedPendingRequest: !created,
  });
  return request;
}
