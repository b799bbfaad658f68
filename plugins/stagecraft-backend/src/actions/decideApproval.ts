import type { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { stagecraftApprovePermission } from '@stagecraft/plugin-stagecraft-common';
import type { Knex } from 'knex';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { personOf } from './actorOf';
import { audited } from './auditedAction';
import { authorizeChange, readableComponent } from './authorization';
import { checkStageEntry, pipelinePosition } from './pipelineRule';
import type { ServiceDeps } from './ServiceDeps';
import { shortReleaseId } from '../deployment/shortReleaseId';
import type { ActionContext, ApprovalRequest } from './types';

/** An approver's answer to a pending request. */
export interface ApprovalAnswer {
  approvalId: number;
  state: 'approved' | 'denied';
  comment?: string;
}

/**
 * Approves or denies a pending promotion, as one auditor event (`deployment-approve` or
 * `deployment-deny`). An approval deploys the release in the same transaction, and only if
 * the pipeline rule admits it with this decision (never the requester's own); a request
 * whose release no longer runs in the stage it was requested from is stale and refused. Only
 * a signed-in person approves (personOf: a service principal passes every permission check).
 * A denial needs no second person, nor a person: the requester, CI included, may withdraw
 * their own request.
 */
export async function decideApproval(
  deps: ServiceDeps,
  o: ApprovalAnswer,
  ctx: ActionContext,
): Promise<ApprovalRequest> {
  const action = o.state === 'approved' ? 'approve' : 'deny';
  const decided = await audited(
    deps,
    { action, meta: { approvalId: o.approvalId } },
    ctx,
    async (actor, note) => {
      if (o.state === 'approved')
        personOf(ctx.credentials, 'approve a promotion');
      const request = await readableRequest(deps, o.approvalId, ctx);
      const target = {
        componentRef: request.componentRef,
        environment: request.environment,
      };
      note({ ...target, releaseId: request.releaseId });
      const { catalog, component } = await authorizeChange(
        deps,
        stagecraftApprovePermission,
        target,
        ctx,
      );
      if (request.state !== 'pending')
        throw new ConflictError(
          `approval request ${request.id} was already ${request.state} by ${request.decidedBy}`,
        );
      if (o.state === 'approved')
        await checkApprovable(deps, { catalog, component, request, actor });
      return deps.approvals.decide(
        { id: o.approvalId, state: o.state, actor, comment: o.comment },
        (tx, approval) => recordDecision(deps, tx, approval, actor),
      );
    },
  );
  if (decided.state === 'approved')
    deps.enqueue({
      componentRef: decided.componentRef,
      environment: decided.environment,
    });
  return decided;
}

/** The request, if the caller may read its component; otherwise as unknown as a made-up id. */
async function readableRequest(
  deps: ServiceDeps,
  approvalId: number,
  ctx: ActionContext,
): Promise<ApprovalRequest> {
  const request = await deps.approvals.get(approvalId);
  if (!request) throw new NotFoundError(`no approval request ${approvalId}`);
  await readableComponent(deps, request.componentRef, ctx).catch(error => {
    // Someone who may not read the component must not learn it has this request.
    throw error instanceof NotAllowedError
      ? new NotFoundError(`no approval request ${approvalId}`)
      : error;
  });
  return request;
}

/** Refuses a stale request, and anything the pipeline rule does not admit with this decision. */
async function checkApprovable(
  deps: ServiceDeps,
  o: {
    catalog: CatalogSnapshot;
    component: Entity;
    request: ApprovalRequest;
    actor: string;
  },
): Promise<void> {
  const { request } = o;
  const source = await deps.store.getDeployment(
    request.componentRef,
    request.fromEnvironment,
  );
  if (
    source?.desiredState !== 'deployed' ||
    source.releaseId !== request.releaseId
  )
    throw new ConflictError(
      `approval request ${request.id} is stale: ${
        request.fromEnvironment
      } no longer runs release ${shortReleaseId(request.releaseId)}${
        source?.desiredState === 'deployed'
          ? ` (it runs ${shortReleaseId(source.releaseId)})`
          : ''
      }; deny it and promote again`,
    );
  await checkStageEntry(deps.store, {
    componentRef: request.componentRef,
    position: pipelinePosition(
      o.catalog,
      o.component,
      request.componentRef,
      request.environment,
    ),
    releaseId: request.releaseId,
    entry: {
      by: 'promotion',
      approval: { ...request, decidedBy: o.actor },
    },
  });
}

/** What a decision changes, in its transaction: the deployment, or a denial in history. */
async function recordDecision(
  deps: ServiceDeps,
  tx: Knex.Transaction,
  approval: ApprovalRequest,
  actor: string,
): Promise<void> {
  const target = {
    componentRef: approval.componentRef,
    environment: approval.environment,
  };
  if (approval.state === 'denied') {
    await deps.store.addHistory(
      {
        ...target,
        action: 'deny',
        releaseId: approval.releaseId,
        actor,
        details: { approvalId: approval.id, comment: approval.comment },
      },
      tx,
    );
    return;
  }
  await deps.store.setDeployment(
    {
      ...target,
      releaseId: approval.releaseId,
      desiredState: 'deployed',
      action: 'promote',
      actor,
      details: {
        from: approval.fromEnvironment,
        approvalId: approval.id,
        requestedBy: approval.requestedBy,
      },
    },
    tx,
  );
}
