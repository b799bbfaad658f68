import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  Deployment,
  DriftEvent,
  HistoryEntry,
  Release,
} from '../database/DeploymentStore';

/** Who is asking: every action is permission-checked and audited as this principal. */
export interface ActionContext {
  credentials: BackstageCredentials;
}

/** Which deployment an action addresses. */
export interface DeploymentTarget {
  componentRef: string;
  environment: string;
}

/** Sync state of a deployment, in the words of the API and the UI. */
export type SyncState =
  | 'synced'
  | 'progressing'
  | 'degraded'
  | 'drifted'
  | 'pending'
  | 'failed';

/** A deployment as the API shows it: what is desired and how far the data plane got. */
export interface DeploymentStatus {
  componentRef: string;
  environment: string;
  /** The data-plane target the environment uses. */
  target: string;
  releaseId: string;
  image?: string;
  desiredState: Deployment['desiredState'];
  generation: number;
  updatedBy: string;
  updatedAt: string;
  sync: {
    state: SyncState;
    /** Human-readable: what is happening or what is wrong. */
    reason: string;
    /** The generation the last reconcile acted on. */
    observedGeneration?: number;
    lastAppliedReleaseId?: string;
    lastSyncedAt?: string;
    /** Target-specific revision, e.g. the GitOps commit. */
    revision?: string;
  };
  replicas?: { desired: number; ready: number; updated: number };
  /** URLs the component's endpoints are reachable at in this environment. */
  urls: string[];
  /** Dependencies whose provider is not deployed here yet. */
  pendingConnections: string[];
}

/** A promotion waiting for approval. */
export interface ApprovalRequest {
  id: number;
  componentRef: string;
  environment: string;
  releaseId: string;
  fromEnvironment: string;
  requestedBy: string;
  requestedAt: string;
  state: 'pending' | 'approved' | 'denied';
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
}

/** The result of a promotion: deployed at once, or waiting for an approval. */
export type PromoteResult =
  | { outcome: 'deployed'; deployment: DeploymentStatus }
  | { outcome: 'approval-requested'; approval: ApprovalRequest };

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
