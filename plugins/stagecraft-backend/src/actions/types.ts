import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  ApprovalRequest,
  DeploymentStatus,
  PromoteResult,
} from '@stagecraft/plugin-stagecraft-common';
import type {
  DriftEvent,
  HistoryEntry,
  Release,
} from '../database/DeploymentStore';

export type {
  ApprovalRequest,
  DeploymentStatus,
  PromoteResult,
  SyncState,
} from '@stagecraft/plugin-stagecraft-common';

/** Who is asking: every action is permission-checked and audited as this principal. */
export interface ActionContext {
  credentials: BackstageCredentials;
}

/** Which deployment an action addresses. */
export interface DeploymentTarget {
  componentRef: string;
  environment: string;
}

/**
 * Everything one can do to deployments, as service functions. The REST API, scaffolder actions,
 * agent tools and the CLI all call these; each write checks its permission with the component
 * as resource, records an auditor event and the history entry, and queues a reconcile.
 */
export interface DeploymentActions {
  listDeployments(
    componentRef: string,
    ctx: ActionContext,
  ): Promise<DeploymentStatus[]>;
  getDeployment(
    target: DeploymentTarget,
    ctx: ActionContext,
  ): Promise<DeploymentStatus>;
  listReleases(componentRef: string, ctx: ActionContext): Promise<Release[]>;
  listHistory(
    componentRef: string,
    environment: string | undefined,
    ctx: ActionContext,
  ): Promise<HistoryEntry[]>;
  listDrift(
    target: DeploymentTarget,
    ctx: ActionContext,
  ): Promise<DriftEvent[]>;
  listApprovals(
    componentRef: string,
    ctx: ActionContext,
  ): Promise<ApprovalRequest[]>;

  /** Deploys a release (default: the component's latest) to an environment. */
  deploy(
    o: DeploymentTarget & { releaseId?: string },
    ctx: ActionContext,
  ): Promise<DeploymentStatus>;
  /** Promotes the release running in `from` to the pipeline's next environment. */
  promote(
    o: { componentRef: string; from: string },
    ctx: ActionContext,
  ): Promise<PromoteResult>;
  approve(
    o: { approvalId: number; comment?: string },
    ctx: ActionContext,
  ): Promise<ApprovalRequest>;
  deny(
    o: { approvalId: number; comment?: string },
    ctx: ActionContext,
  ): Promise<ApprovalRequest>;
  rollback(
    o: DeploymentTarget & { releaseId: string },
    ctx: ActionContext,
  ): Promise<DeploymentStatus>;
  /** Re-applies the current release, overwriting whatever changed by hand. */
  redeploy(o: DeploymentTarget, ctx: ActionContext): Promise<DeploymentStatus>;
  undeploy(o: DeploymentTarget, ctx: ActionContext): Promise<DeploymentStatus>;
}
