import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ApprovalRequest,
  DeploymentStatus,
  DeploymentUsage,
  DriftRecord,
  EnvironmentUsage,
  HistoryRecord,
  LogLine,
  MetricsReport,
  ObservabilityLink,
  ObservabilityRange,
  PromoteResult,
  ReleaseSummary,
  Diagnosis,
  ComponentImpact,
  CostFilter,
  CostRecommendationsReport,
  CostReport,
  PromotionPreview,
  RuntimeSnapshot,
  TracesReport,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * A data-plane target as the backend reports it: name and type, never credentials.
 *
 * @public
 */
export interface TargetSummary {
  name: string;
  type: 'kubernetes' | 'gitops';
}

/**
 * Which log lines to stream.
 *
 * @public
 */
export interface LogStreamOptions {
  /** One pod; all of the deployment's pods when absent. */
  pod?: string;
  container?: string;
  /** Lines of history per container before following; default 100. */
  tailLines?: number;
  sinceSeconds?: number;
  /** Keep the stream open for new lines; default true. */
  follow?: boolean;
  /** Ask the kubelet for each line's timestamp. */
  timestamps?: boolean;
}

/**
 * Which traces to list; the server's defaults (20, all traces, the last hour) when absent.
 *
 * @public
 */
export interface TraceQuery {
  /** 1..100. */
  limit?: number;
  /** Only traces with an error span. */
  errorsOnly?: boolean;
  lookback?: ObservabilityRange;
}

/**
 * A live log stream; `close()` ends it (and the server side with it).
 *
 * @public
 */
export interface LogStream {
  close(): void;
}

/**
 * The browser's view of the Stagecraft backend (`/api/stagecraft`). Component refs are
 * `component:<namespace>/<name>`.
 *
 * @public
 */
export interface StagecraftApi {
  listTargets(): Promise<TargetSummary[]>;

  listDeployments(componentRef: string): Promise<DeploymentStatus[]>;
  getDeployment(
    componentRef: string,
    environment: string,
  ): Promise<DeploymentStatus>;
  /** Everything deployed in one environment (the components the caller may read). */
  listEnvironmentDeployments(environment: string): Promise<DeploymentStatus[]>;
  listReleases(componentRef: string): Promise<ReleaseSummary[]>;
  listHistory(
    componentRef: string,
    environment?: string,
  ): Promise<HistoryRecord[]>;
  listDrift(componentRef: string, environment: string): Promise<DriftRecord[]>;
  listApprovals(componentRef: string): Promise<ApprovalRequest[]>;

  deploy(
    componentRef: string,
    environment: string,
    releaseId?: string,
  ): Promise<DeploymentStatus>;
  promote(componentRef: string, from: string): Promise<PromoteResult>;
  rollback(
    componentRef: string,
    environment: string,
    releaseId: string,
  ): Promise<DeploymentStatus>;
  redeploy(
    componentRef: string,
    environment: string,
  ): Promise<DeploymentStatus>;
  undeploy(
    componentRef: string,
    environment: string,
  ): Promise<DeploymentStatus>;
  approve(approvalId: number, comment?: string): Promise<ApprovalRequest>;
  deny(approvalId: number, comment?: string): Promise<ApprovalRequest>;

  /** Pods, events and usage of a deployment, from the cluster. */
  getRuntime(
    componentRef: string,
    environment: string,
  ): Promise<RuntimeSnapshot>;
  /** What is wrong with a deployment: findings with evidence and a next step (rule-based). */
  getDiagnosis(componentRef: string, environment: string): Promise<Diagnosis>;
  /** Who depends on the component and what would break if it went away (impact analysis). */
  getImpact(
    componentRef: string,
    environment?: string,
  ): Promise<ComponentImpact>;
  /** The paths promoting the release running in `from` would open and close, before it runs. */
  previewPromotion(
    componentRef: string,
    from: string,
  ): Promise<PromotionPreview>;
  /** The objects the deployment's current release renders to, as YAML. */
  getManifests(componentRef: string, environment: string): Promise<string>;
  /** Links to observability tools for the component in an environment. */
  listLinks(
    componentRef: string,
    environment: string,
  ): Promise<ObservabilityLink[]>;
  /** CPU and memory of each pod now, against requests and limits. */
  getUsage(componentRef: string, environment: string): Promise<DeploymentUsage>;
  /** Time series of the deployment over the range (default 1h). */
  getMetrics(
    componentRef: string,
    environment: string,
    range?: ObservabilityRange,
  ): Promise<MetricsReport>;
  /** Recent traces of the component in the environment, most recent first. */
  listTraces(
    componentRef: string,
    environment: string,
    query?: TraceQuery,
  ): Promise<TracesReport>;
  /** Usage at a glance of every deployment in an environment the caller may read. */
  getEnvironmentUsage(environment: string): Promise<EnvironmentUsage>;
  /** Cost per component × environment of what the caller may read, with totals. */
  getCosts(filter: CostFilter): Promise<CostReport>;
  /** What would save money (over-provisioned, idle), with the monthly saving of each. */
  getCostRecommendations(
    filter: CostFilter,
  ): Promise<CostRecommendationsReport>;
  /** Streams log lines as they are written, until closed or the server ends it. */
  streamLogs(
    componentRef: string,
    environment: string,
    options: LogStreamOptions,
    handlers: {
      /** The server accepted the stream; lines may still be a while coming. */
      onOpen?(): void;
      onLine(line: LogLine): void;
      onError?(error: Error): void;
      onEnd?(): void;
    },
  ): LogStream;
}

/** @public */
export const stagecraftApiRef = createApiRef<StagecraftApi>().with({
  id: 'plugin.stagecraft.api',
  pluginId: 'stagecraft',
});
