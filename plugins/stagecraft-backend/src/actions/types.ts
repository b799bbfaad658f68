import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  ApprovalRequest,
  DeploymentStatus,
  LogLine,
  ObservabilityLink,
  PromoteResult,
  RuntimeSnapshot,
} from '@stagecraft/plugin-stagecraft-common';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { DeploymentKey } from '../deployment/DeploymentKey';
import type {
  Deployment,
  DriftEvent,
  HistoryEntry,
  Release,
} from '../database/DeploymentStore';

export type {
  ApprovalRequest,
  DeploymentStatus,
  LogLine,
  ObservabilityLink,
  PromoteResult,
  RuntimeSnapshot,
  SyncState,
} from '@stagecraft/plugin-stagecraft-common';

/** Which deployment an action addresses. */
export type { DeploymentKey };

/** Who is asking: every action is permission-checked and audited as this principal. */
export interface ActionContext {
  credentials: BackstageCredentials;
}

/**
 * A platform admin's way past the pipeline rule when it must be bypassed (the approver is
 * unreachable during an incident, say). Needs `stagecraft.deployment.break-glass`; the reason
 * is recorded in the audit event (severity high) and in history.
 */
export interface BreakGlass {
  reason: string;
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
    target: DeploymentKey,
    ctx: ActionContext,
  ): Promise<DeploymentStatus>;
  /** Every deployment in one environment, of the components the caller may read. */
  listEnvironmentDeployments(
    environment: string,
    ctx: ActionContext,
  ): Promise<DeploymentStatus[]>;
  listReleases(componentRef: string, ctx: ActionContext): Promise<Release[]>;
  listHistory(
    componentRef: string,
    environment: string | undefined,
    ctx: ActionContext,
  ): Promise<HistoryEntry[]>;
  listDrift(target: DeploymentKey, ctx: ActionContext): Promise<DriftEvent[]>;
  listApprovals(
    componentRef: string,
    ctx: ActionContext,
  ): Promise<ApprovalRequest[]>;

  /**
   * Deploys a release (default: the component's latest) to an environment, if the pipeline
   * rule admits it there (see actions/pipelineRule.ts) or under break-glass.
   */
  deploy(
    o: DeploymentKey & { releaseId?: string; breakGlass?: BreakGlass },
    ctx: ActionContext,
  ): Promise<DeploymentStatus>;
  /**
   * The permission check `deploy` starts with (authorizeChange with the deploy permission),
   * alone: for callers that do costly work before deploying (the `deploy` agent action
   * refreshes the catalog first) and must refuse a caller who may not deploy before it.
   */
  authorizeDeploy(target: DeploymentKey, ctx: ActionContext): Promise<void>;
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
  /** Returns a deployment to a release that ran in its environment before. */
  rollback(
    o: DeploymentKey & { releaseId: string },
    ctx: ActionContext,
  ): Promise<DeploymentStatus>;
  /** Re-applies the current release, overwriting whatever changed by hand. */
  redeploy(o: DeploymentKey, ctx: ActionContext): Promise<DeploymentStatus>;
  undeploy(o: DeploymentKey, ctx: ActionContext): Promise<DeploymentStatus>;
}

/**
 * A deployment the caller may read, with the catalog snapshot it was checked against: where the
 * runtime views start.
 */
export interface ReadableDeployment {
  deployment: Deployment;
  catalog: CatalogSnapshot;
  component: Entity;
  /** The data-plane target of the deployment's environment; undefined when it has none. */
  targetName?: string;
}

/** Which log lines to stream. */
export interface LogQuery {
  /** One pod of the deployment; all of them when absent. */
  pod?: string;
  /** One container; every container of the selected pods when absent. */
  container?: string;
  /** Lines of history per container before new ones. */
  tailLines: number;
  /** Only lines newer than this many seconds. */
  sinceSeconds?: number;
  /** Keep streaming new lines until the client leaves. */
  follow: boolean;
  /** Send the kubelet's timestamp with each line. */
  timestamps: boolean;
}

/** One container's log, opened when it is streamed. */
export interface LogSource {
  pod: string;
  container: string;
  /**
   * The lines as they are written; ends with the log (never, when following). Aborting
   * `signal` closes the connection behind it.
   */
  lines(signal: AbortSignal): AsyncIterable<LogLine>;
}

/**
 * What a deployment runs and renders to: pods, events and usage, logs, manifests and links to
 * observability tools. Every read needs `stagecraft.deployment.read` on the component.
 */
export interface RuntimeActions {
  /** Pods, events and usage of a deployment; `available: false` for GitOps targets. */
  getRuntime(
    target: DeploymentKey,
    ctx: ActionContext,
  ): Promise<RuntimeSnapshot>;
  /**
   * The logs a query selects, checked before anything streams: a pod that is not the
   * deployment's is a NotFoundError, a GitOps target a ConflictError.
   */
  openLogs(
    target: DeploymentKey,
    query: LogQuery,
    ctx: ActionContext,
  ): Promise<LogSource[]>;
  /** The objects the deployment's current release renders to, as multi-document YAML. */
  getManifests(target: DeploymentKey, ctx: ActionContext): Promise<string>;
  /** Links to observability tools, from the `stagecraft.links` URL templates. */
  listLinks(
    target: DeploymentKey,
    ctx: ActionContext,
  ): Promise<ObservabilityLink[]>;
}
