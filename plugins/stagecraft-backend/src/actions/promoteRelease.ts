import { ConflictError, InputError } from '@backstage/errors';
import type { Entity } from '@backstage/catalog-model';
import {
  PipelineStage,
  stagecraftPromotePermission,
} from '@stagecraft/plugin-stagecraft-common';
import type { CatalogSnapshot } from '../controlplane/CatalogSnapshot';
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
 * Every attempt is one auditor event, `deployment-promote`, whose `outcome` says which.
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
      const next = nextStage(catalog, component, o);
      const target = {
        componentRef: o.componentRef,
        environment: next.environment,
      };
      note({ environment: next.environment });
      if (next.requiresApproval) {
        note({ outcome: 'approval-requested' });
        await authorizeChange(deps, stagecraftPromotePermission, target, ctx);
        const releaseId = await deployedRelease(deps, o.componentRef, o.from);
        const approval = await requestApproval(deps, {
          ...target,
          from: o.from,
          releaseId,
          actor,
          note,
        });
        return { outcome: 'approval-requested' as const, approval };
      }
      note({ outcome: 'deployed' });
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

/** The stage after `from` in the component's pipeline; refused for an unknown or last stage. */
function nextStage(
  catalog: CatalogSnapshot,
  component: Entity,
  o: { componentRef: string; from: string },
): PipelineStage {
  const stages = catalog.pipelineFor(component)?.stages ?? [];
  const at = stages.findIndex(s => s.environment === o.from);
  if (at < 0)
    throw new InputError(
      `"${o.from}" is not a stage of ${o.componentRef}'s pipeline (${
        stages.map(s => s.environment).join(' → ') || 'none'
      })`,
    );
  const next = stages[at + 1];
  if (!next)
    throw new InputError(`"${o.from}" is the last stage of the pipeline`);
  return next;
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
