import type {
  AuditorServiceCreateEventOptions,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import type { Deployment, HistoryAction } from '../database/DeploymentStore';
import { actorOf } from './actorOf';
import { deployedComponent } from './deploymentLookups';
import {
  authorizeChange,
  ChangeScope,
  ComponentPermission,
} from './authorization';
import { observeDeploymentStatus } from '../status/observeDeploymentStatus';
import type { ServiceDeps } from './ServiceDeps';
import type { ActionContext, DeploymentStatus, DeploymentKey } from './types';

type JsonObject = NonNullable<AuditorServiceCreateEventOptions['meta']>;

/** What an audited action may add to its event once it knows more (the component of an approval). */
export type AuditNote = (meta: JsonObject) => void;

/**
 * Runs an action under an auditor event `deployment-<action>`: every attempt is recorded,
 * and one that is refused or fails, for whatever reason, ends the event as failed.
 */
export async function audited<T>(
  deps: Pick<ServiceDeps, 'auditor'>,
  o: {
    action: HistoryAction;
    meta: JsonObject;
    severityLevel?: AuditorServiceEventSeverityLevel;
  },
  ctx: ActionContext,
  run: (actor: string, note: AuditNote) => Promise<T>,
): Promise<T> {
  const actor = actorOf(ctx.credentials);
  const meta: JsonObject = { actor, ...o.meta };
  const event = await deps.auditor.createEvent({
    eventId: `deployment-${o.action}`,
    severityLevel: o.severityLevel ?? 'medium',
    meta,
  });
  const note: AuditNote = more => Object.assign(meta, more);
  try {
    const result = await run(actor, note);
    await event.success({ meta });
    return result;
  } catch (error) {
    await event.fail({ meta, error: error as Error });
    throw error;
  }
}

/** What a change decides the deployment becomes. */
export interface ChangeDecision {
  releaseId: string;
  desiredState: Deployment['desiredState'];
  details?: Record<string, unknown>;
  /** The generation the decision was made from; the write is refused if it moved on. */
  expectedGeneration?: number;
  /**
   * A deploy: nothing is written, and no history entry, when the deployment already deploys
   * `releaseId` — checked at the write, so a deploy racing another of the same release is
   * answered unchanged too (DeploymentStore.deployUnlessAlready).
   */
  unlessAlready?: boolean;
}

/** Which change, of which deployment, under which permission. */
export interface ChangeRequest {
  action: HistoryAction;
  permission: ComponentPermission;
  target: DeploymentKey;
  /** Undeploy: allowed for a component that left the catalog (authorizeChange). */
  departedAllowed?: boolean;
}

/**
 * The core of a change, inside its audit event: authorized (see authorizeChange), decided by
 * `decide` (which refuses, naming the rule, what may not happen), recorded with its history
 * entry.
 */
export async function applyChange(
  deps: ServiceDeps,
  o: ChangeRequest,
  ctx: ActionContext,
  audit: { actor: string; note: AuditNote },
  decide: (scope: ChangeScope) => Promise<ChangeDecision>,
): Promise<{ deployment: Deployment; scope: ChangeScope }> {
  const scope = await authorizeChange(
    deps,
    o.permission,
    o.target,
    ctx,
    o.departedAllowed ? () => deployedComponent(deps, o.target) : undefined,
  );
  const { unlessAlready, ...next } = await decide(scope);
  audit.note({ releaseId: next.releaseId });
  const write = { ...o.target, ...next, action: o.action, actor: audit.actor };
  if (!unlessAlready)
    return { deployment: await deps.store.setDeployment(write), scope };
  const { deployment, written } = await deps.store.deployUnlessAlready(write);
  if (!written) audit.note({ unchanged: true });
  return { deployment, scope };
}

/** The status a change answers with, once it is queued for reconcile. */
export async function queuedStatus(
  deps: ServiceDeps,
  written: { deployment: Deployment; scope: ChangeScope },
): Promise<DeploymentStatus> {
  const { componentRef, environment } = written.deployment;
  deps.enqueue({ componentRef, environment });
  return observeDeploymentStatus(
    deps,
    written.deployment,
    written.scope.catalog,
  );
}

/** One change of a deployment, start to end: audited, applied, queued for reconcile. */
export async function changeDeployment(
  deps: ServiceDeps,
  o: ChangeRequest & {
    auditMeta?: JsonObject;
    severityLevel?: AuditorServiceEventSeverityLevel;
  },
  ctx: ActionContext,
  decide: (scope: ChangeScope) => Promise<ChangeDecision>,
): Promise<DeploymentStatus> {
  const written = await audited(
    deps,
    {
      action: o.action,
      meta: { ...o.target, ...o.auditMeta },
      severityLevel: o.severityLevel,
    },
    ctx,
    (actor, note) => applyChange(deps, o, ctx, { actor, note }, decide),
  );
  return queuedStatus(deps, written);
}
