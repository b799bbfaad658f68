import { stagecraftDeployPermission } from '@stagecraft/plugin-stagecraft-common';
import { authorizeChange } from './authorization';
import { decideApproval } from './decideApproval';
import { DeploymentQueries } from './deploymentQueries';
import { deployRelease, redeployRelease } from './deployRelease';
import { promoteRelease } from './promoteRelease';
import { rollbackRelease, undeployRelease } from './rollbackAndUndeploy';
import type {
  ActionContext,
  BreakGlass,
  DeploymentActions,
  DeploymentKey,
} from './types';

/**
 * The deployment actions as service functions: how deployments are read and changed, whoever
 * asks — the REST API (and the portal and CLI, which call it), the agent actions
 * (agentActions/) and the scaffolder's deploy and promote. The catalog trigger is the one
 * other writer, and it goes through the same pipeline rule (deployToFirstStage). Each write is
 * permission-checked with the component as resource (authorization.ts), admitted by the
 * pipeline rule (pipelineRule.ts), audited whether it succeeds or is refused
 * (auditedAction.ts), recorded in history and queued for reconcile. One file per verb.
 */
export class DeploymentService
  extends DeploymentQueries
  implements DeploymentActions
{
  deploy(
    o: DeploymentKey & { releaseId?: string; breakGlass?: BreakGlass },
    ctx: ActionContext,
  ) {
    return deployRelease(this.deps, o, ctx);
  }

  async authorizeDeploy(target: DeploymentKey, ctx: ActionContext) {
    await authorizeChange(this.deps, stagecraftDeployPermission, target, ctx);
  }

  redeploy(target: DeploymentKey, ctx: ActionContext) {
    return redeployRelease(this.deps, target, ctx);
  }

  rollback(o: DeploymentKey & { releaseId: string }, ctx: ActionContext) {
    return rollbackRelease(this.deps, o, ctx);
  }

  undeploy(target: DeploymentKey, ctx: ActionContext) {
    return undeployRelease(this.deps, target, ctx);
  }

  promote(o: { componentRef: string; from: string }, ctx: ActionContext) {
    return promoteRelease(this.deps, o, ctx);
  }

  approve(o: { approvalId: number; comment?: string }, ctx: ActionContext) {
    return decideApproval(this.deps, { ...o, state: 'approved' }, ctx);
  }

  deny(o: { approvalId: number; comment?: string }, ctx: ActionContext) {
    return decideApproval(this.deps, { ...o, state: 'denied' }, ctx);
  }
}
