import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  stagecraftApprovePermission,
  stagecraftDeploymentReadPermission,
  stagecraftDeployPermission,
  stagecraftProductionChangePermission,
  stagecraftPromotePermission,
  stagecraftRedeployPermission,
  stagecraftRollbackPermission,
  stagecraftUndeployPermission,
} from '@stagecraft/plugin-stagecraft-common';
import { ApprovalStore } from '../database/ApprovalStore';
import {
  Deployment,
  DeploymentStore,
  HistoryAction,
} from '../database/DeploymentStore';
import { StatusStore } from '../database/StatusStore';
import { CatalogSnapshot } from '../controlplane/CatalogSnapshot';
import { DataPlane, DeploymentKey } from '../targets/DataPlane';
import { actorOf } from './actorOf';
import {
  observeDeploymentStatus,
  targetNameOf,
} from './observeDeploymentStatus';
import {
  ActionContext,
  ApprovalRequest,
  DeploymentActions,
  DeploymentStatus,
  DeploymentTarget,
  PromoteResult,
  ReadableDeployment,
} from './types';

type ActionPermission = ResourcePermission<'catalog-entity'>;

/**
 * The deployment actions as service functions: validated against the catalog, permission-checked
 * with the component as resource, audited, recorded in history, and queued for reconcile.
 */
export class DeploymentService implements DeploymentActions {
  constructor(
    private readonly deps: {
      store: DeploymentStore;
      status: StatusStore;
      approvals: ApprovalStore;
      catalog: () => Promise<CatalogSnapshot>;
      permissions: PermissionsService;
      auditor: AuditorService;
      enqueue: (key: DeploymentKey) => void;
      dataPlanes: ReadonlyMap<string, DataPlane>;
      logger: LoggerService;
    },
  ) {}

  // ---- reads ----

  async listDeployments(componentRef: string, ctx: ActionContext) {
    const { catalog } = await this.readable(componentRef, ctx);
    const deployments = await this.deps.store.listDeployments({ componentRef });
    return Promise.all(deployments.map(d => this.statusOf(d, catalog)));
  }

  async getDeployment(target: DeploymentTarget, ctx: ActionContext) {
    const { catalog } = await this.readable(target.componentRef, ctx);
    return this.statusOf(await this.existing(target), catalog);
  }

  async listEnvironmentDeployments(environment: string, ctx: ActionContext) {
    const catalog = await this.deps.catalog();
    if (!catalog.get(`environment:default/${environment}`))
      throw new NotFoundError(
        `environment "${environment}" is not in the catalog`,
      );
    const deployments = await this.deps.store.listDeployments({ environment });
    const readable = await this.readableRefs(
      deployments.map(d => d.componentRef),
      ctx,
    );
    return Promise.all(
      deployments
        .filter(d => readable.has(d.componentRef))
        .map(d => this.statusOf(d, catalog)),
    );
  }

  /**
   * A deployment the caller may read, with the catalog it was checked against; for the
   * runtime views, which need more of it than its status.
   */
  async readDeployment(
    target: DeploymentTarget,
    ctx: ActionContext,
  ): Promise<ReadableDeployment> {
    const { catalog, component } = await this.readable(
      target.componentRef,
      ctx,
    );
    return {
      deployment: await this.existing(target),
      catalog,
      component,
      targetName: targetNameOf(catalog, target.environment),
    };
  }

  async listReleases(componentRef: string, ctx: ActionContext) {
    await this.readable(componentRef, ctx);
    return this.deps.store.listReleases(componentRef);
  }

  async listHistory(
    componentRef: string,
    environment: string | undefined,
    ctx: ActionContext,
  ) {
    await this.readable(componentRef, ctx);
    return this.deps.store.listHistory(componentRef, environment);
  }

  async listDrift(target: DeploymentTarget, ctx: ActionContext) {
    await this.readable(target.componentRef, ctx);
    return this.deps.store.listDrift(target.componentRef, target.environment);
  }

  async listApprovals(componentRef: string, ctx: ActionContext) {
    await this.readable(componentRef, ctx);
    return this.deps.approvals.list(componentRef);
  }

  // ---- writes ----

  async deploy(
    o: DeploymentTarget & { releaseId?: string },
    ctx: ActionContext,
  ): Promise<DeploymentStatus> {
    return this.change(
      'deploy',
      stagecraftDeployPermission,
      o,
      ctx,
      async () => {
        const releaseId =
          o.releaseId ??
          (await this.deps.store.getCatalogHead(o.componentRef)) ??
          (await this.deps.store.listReleases(o.componentRef))[0]?.id;
        if (!releaseId)
          throw new ConflictError(`${o.componentRef} has no release yet`);
        await this.releaseOf(o.componentRef, releaseId);
        return { releaseId, desiredState: 'deployed' };
      },
    );
  }

  async rollback(
    o: DeploymentTarget & { releaseId: string },
    ctx: ActionContext,
  ): Promise<DeploymentStatus> {
    return this.change(
      'rollback',
      stagecraftRollbackPermission,
      o,
      ctx,
      async () => {
        const current = await this.existing(o);
        await this.releaseOf(o.componentRef, o.releaseId);
        return {
          releaseId: o.releaseId,
          desiredState: 'deployed',
          details: { from: current.releaseId },
        };
      },
    );
  }

  async redeploy(o: DeploymentTarget, ctx: ActionContext) {
    return this.change(
      'redeploy',
      stagecraftRedeployPermission,
      o,
      ctx,
      async () => {
        const current = await this.existing(o);
        return { releaseId: current.releaseId, desiredState: 'deployed' };
      },
    );
  }

  async undeploy(o: DeploymentTarget, ctx: ActionContext) {
    return this.change(
      'undeploy',
      stagecraftUndeployPermission,
      o,
      ctx,
      async () => {
        const current = await this.existing(o);
        return { releaseId: current.releaseId, desiredState: 'undeployed' };
      },
    );
  }

  async promote(
    o: { componentRef: string; from: string },
    ctx: ActionContext,
  ): Promise<PromoteResult> {
    const { catalog, component } = await this.readable(o.componentRef, ctx);
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
    const source = await this.existing({
      componentRef: o.componentRef,
      environment: o.from,
    });
    if (source.desiredState !== 'deployed')
      throw new ConflictError(`${o.componentRef} is not deployed in ${o.from}`);
    const target = {
      componentRef: o.componentRef,
      environment: next.environment,
    };

    if (!next.requiresApproval) {
      const deployment = await this.change(
        'promote',
        stagecraftPromotePermission,
        target,
        ctx,
        async () => ({
          releaseId: source.releaseId,
          desiredState: 'deployed',
          details: { from: o.from },
        }),
      );
      return { outcome: 'deployed', deployment };
    }

    const approval = await this.audited(
      'request-approval',
      stagecraftPromotePermission,
      target,
      ctx,
      async actor => {
        const request = await this.deps.approvals.request({
          ...target,
          fromEnvironment: o.from,
          releaseId: source.releaseId,
          requestedBy: actor,
        });
        await this.deps.store.addHistory({
          ...target,
          action: 'request-approval',
          releaseId: source.releaseId,
          actor,
          details: { approvalId: request.id, from: o.from },
        });
        return request;
      },
    );
    return { outcome: 'approval-requested', approval };
  }

  async approve(
    o: { approvalId: number; comment?: string },
    ctx: ActionContext,
  ) {
    return this.decide('approved', o, ctx);
  }

  async deny(o: { approvalId: number; comment?: string }, ctx: ActionContext) {
    return this.decide('denied', o, ctx);
  }

  private async decide(
    state: 'approved' | 'denied',
    o: { approvalId: number; comment?: string },
    ctx: ActionContext,
  ): Promise<ApprovalRequest> {
    const request = await this.deps.approvals.get(o.approvalId);
    if (!request)
      throw new NotFoundError(`no approval request ${o.approvalId}`);
    await this.readable(request.componentRef, ctx).catch(error => {
      // Someone who may not read the component must not learn it has this request.
      throw error instanceof NotAllowedError
        ? new NotFoundError(`no approval request ${o.approvalId}`)
        : error;
    });
    const target = {
      componentRef: request.componentRef,
      environment: request.environment,
    };
    const decided = await this.audited(
      state === 'approved' ? 'approve' : 'deny',
      stagecraftApprovePermission,
      target,
      ctx,
      async actor => {
        if (request.requestedBy === actor && state === 'approved')
          throw new NotAllowedError(
            'a promotion cannot be approved by the person who requested it',
          );
        return this.deps.approvals.decide(
          { id: o.approvalId, state, actor, comment: o.comment },
          async (tx, approval) => {
            await this.deps.store.setDeployment(
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
          },
        );
      },
    );
    if (state === 'denied') {
      await this.deps.store.addHistory({
        ...target,
        action: 'deny',
        releaseId: decided.releaseId,
        actor: decided.decidedBy!,
        details: { approvalId: decided.id, comment: decided.comment },
      });
    } else {
      this.deps.enqueue(target);
    }
    return decided;
  }

  // ---- shared steps ----

  /** Permission check, audit and history for an action that sets a deployment. */
  private async change(
    action: HistoryAction,
    permission: ActionPermission,
    target: DeploymentTarget,
    ctx: ActionContext,
    decide: () => Promise<{
      releaseId: string;
      desiredState: Deployment['desiredState'];
      details?: Record<string, unknown>;
    }>,
  ): Promise<DeploymentStatus> {
    const deployment = await this.audited(
      action,
      permission,
      target,
      ctx,
      async actor => {
        const next = await decide();
        return this.deps.store.setDeployment({
          ...target,
          ...next,
          action,
          actor,
        });
      },
    );
    this.deps.enqueue(target);
    const { catalog } = await this.component(target.componentRef);
    return this.statusOf(deployment, catalog);
  }

  private async audited<T>(
    action: HistoryAction,
    permission: ActionPermission,
    target: DeploymentTarget,
    ctx: ActionContext,
    run: (actor: string) => Promise<T>,
  ): Promise<T> {
    const actor = actorOf(ctx.credentials);
    const event = await this.deps.auditor.createEvent({
      eventId: `deployment-${action}`,
      severityLevel: 'medium',
      meta: { actor, ...target },
    });
    try {
      await this.authorize(permission, target.componentRef, ctx.credentials);
      const { catalog } = await this.component(target.componentRef);
      const environment = catalog.get(
        `environment:default/${target.environment}`,
      );
      if (!environment)
        throw new NotFoundError(
          `environment "${target.environment}" is not in the catalog`,
        );
      if ((environment.spec as { production?: boolean }).production)
        await this.authorize(
          stagecraftProductionChangePermission,
          target.componentRef,
          ctx.credentials,
        );
      const result = await run(actor);
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  private async authorize(
    permission: ActionPermission,
    resourceRef: string,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        `${permission.name} on ${resourceRef} is not permitted`,
      );
  }

  /**
   * Checks read permission before anything about the component is looked up, so a caller
   * without it learns nothing (not even whether the component exists): the catalog is read
   * with the plugin's own credentials.
   */
  private async readable(componentRef: string, ctx: ActionContext) {
    await this.authorize(
      stagecraftDeploymentReadPermission,
      componentRef,
      ctx.credentials,
    );
    return this.component(componentRef);
  }

  /** The components among `refs` the caller may read, asked in one batch. */
  private async readableRefs(
    refs: string[],
    ctx: ActionContext,
  ): Promise<Set<string>> {
    const unique = [...new Set(refs)];
    if (unique.length === 0) return new Set();
    const decisions = await this.deps.permissions.authorize(
      unique.map(resourceRef => ({
        permission: stagecraftDeploymentReadPermission,
        resourceRef,
      })),
      { credentials: ctx.credentials },
    );
    return new Set(
      unique.filter((_, i) => decisions[i].result === AuthorizeResult.ALLOW),
    );
  }

  private async component(
    componentRef: string,
  ): Promise<{ catalog: CatalogSnapshot; component: Entity }> {
    const catalog = await this.deps.catalog();
    const component = catalog.get(componentRef);
    if (!component || component.kind !== 'Component')
      throw new NotFoundError(`${componentRef} is not in the catalog`);
    if ((component.spec as { deploy?: unknown }).deploy === undefined)
      throw new InputError(
        `${componentRef} has no spec.deploy: it is not deployable`,
      );
    return { catalog, component };
  }

  private async existing(target: DeploymentTarget): Promise<Deployment> {
    const deployment = await this.deps.store.getDeployment(
      target.componentRef,
      target.environment,
    );
    if (!deployment)
      throw new NotFoundError(
        `${target.componentRef} has no deployment in ${target.environment}`,
      );
    return deployment;
  }

  private async releaseOf(componentRef: string, releaseId: string) {
    const release = await this.deps.store.getRelease(releaseId);
    if (!release || release.componentRef !== componentRef)
      throw new NotFoundError(`${componentRef} has no release ${releaseId}`);
    return release;
  }

  private statusOf(deployment: Deployment, catalog: CatalogSnapshot) {
    return observeDeploymentStatus(this.deps, deployment, catalog);
  }
}
