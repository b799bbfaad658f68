import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
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
  PromotionPreview,
  RuntimeSnapshot,
  TracesReport,
  CostFilter,
  CostRecommendationsReport,
  CostReport,
} from '@stagecraft/plugin-stagecraft-common';
import {
  LogStream,
  LogStreamOptions,
  StagecraftApi,
  TargetSummary,
  TraceQuery,
} from './StagecraftApi';
import { readServerSentEvents } from './readServerSentEvents';

const componentPath = (ref: string) => {
  const { namespace, name } = parseEntityRef(ref, { defaultKind: 'component' });
  return `/components/${encodeURIComponent(namespace)}/${encodeURIComponent(
    name,
  )}`;
};
const deploymentPath = (ref: string, environment: string) =>
  `${componentPath(ref)}/deployments/${encodeURIComponent(environment)}`;

/**
 * Talks to the Stagecraft backend through Backstage's discovery and (authenticated) fetch APIs.
 *
 * @public
 */
export class StagecraftClient implements StagecraftApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async listTargets(): Promise<TargetSummary[]> {
    return (await this.get<{ items: TargetSummary[] }>('/targets')).items;
  }

  async listDeployments(ref: string) {
    return (
      await this.get<{ items: DeploymentStatus[] }>(
        `${componentPath(ref)}/deployments`,
      )
    ).items;
  }

  getDeployment(ref: string, environment: string) {
    return this.get<DeploymentStatus>(deploymentPath(ref, environment));
  }

  async listEnvironmentDeployments(environment: string) {
    return (
      await this.get<{ items: DeploymentStatus[] }>(
        `/environments/${encodeURIComponent(environment)}/deployments`,
      )
    ).items;
  }

  async listReleases(ref: string) {
    return (
      await this.get<{ items: ReleaseSummary[] }>(
        `${componentPath(ref)}/releases`,
      )
    ).items;
  }

  async listHistory(ref: string, environment?: string) {
    const query = environment
      ? `?environment=${encodeURIComponent(environment)}`
      : '';
    return (
      await this.get<{ items: HistoryRecord[] }>(
        `${componentPath(ref)}/history${query}`,
      )
    ).items;
  }

  async listDrift(ref: string, environment: string) {
    return (
      await this.get<{ items: DriftRecord[] }>(
        `${deploymentPath(ref, environment)}/drift`,
      )
    ).items;
  }

  async listApprovals(ref: string) {
    return (
      await this.get<{ items: ApprovalRequest[] }>(
        `${componentPath(ref)}/approvals`,
      )
    ).items;
  }

  deploy(ref: string, environment: string, releaseId?: string) {
    return this.post<DeploymentStatus>(
      `${deploymentPath(ref, environment)}/deploy`,
      releaseId ? { releaseId } : {},
    );
  }

  promote(ref: string, from: string) {
    return this.post<PromoteResult>(`${componentPath(ref)}/promote`, { from });
  }

  rollback(ref: string, environment: string, releaseId: string) {
    return this.post<DeploymentStatus>(
      `${deploymentPath(ref, environment)}/rollback`,
      { releaseId },
    );
  }

  redeploy(ref: string, environment: string) {
    return this.post<DeploymentStatus>(
      `${deploymentPath(ref, environment)}/redeploy`,
      {},
    );
  }

  undeploy(ref: string, environment: string) {
    return this.post<DeploymentStatus>(
      `${deploymentPath(ref, environment)}/undeploy`,
      {},
    );
  }

  approve(approvalId: number, comment?: string) {
    return this.post<ApprovalRequest>(
      `/approvals/${approvalId}/approve`,
      comment ? { comment } : {},
    );
  }

  deny(approvalId: number, comment?: string) {
    return this.post<ApprovalRequest>(
      `/approvals/${approvalId}/deny`,
      comment ? { comment } : {},
    );
  }

  getRuntime(ref: string, environment: string) {
    return this.get<RuntimeSnapshot>(
      `${deploymentPath(ref, environment)}/runtime`,
    );
  }

  getDiagnosis(ref: string, environment: string) {
    return this.get<Diagnosis>(`${deploymentPath(ref, environment)}/diagnosis`);
  }

  getImpact(ref: string, environment?: string) {
    const query = environment
      ? `?environment=${encodeURIComponent(environment)}`
      : '';
    return this.get<ComponentImpact>(`${componentPath(ref)}/impact${query}`);
  }

  previewPromotion(ref: string, from: string) {
    return this.get<PromotionPreview>(
      `${componentPath(ref)}/promotion-preview?from=${encodeURIComponent(
        from,
      )}`,
    );
  }

  async getManifests(ref: string, environment: string) {
    return (
      await this.get<{ yaml: string }>(
        `${deploymentPath(ref, environment)}/manifests`,
      )
    ).yaml;
  }

  async listLinks(ref: string, environment: string) {
    return (
      await this.get<{ items: ObservabilityLink[] }>(
        `${deploymentPath(ref, environment)}/links`,
      )
    ).items;
  }

  getUsage(ref: string, environment: string) {
    return this.get<DeploymentUsage>(
      `${deploymentPath(ref, environment)}/usage`,
    );
  }

  getMetrics(ref: string, environment: string, range?: ObservabilityRange) {
    const query = range ? `?range=${encodeURIComponent(range)}` : '';
    return this.get<MetricsReport>(
      `${deploymentPath(ref, environment)}/metrics${query}`,
    );
  }

  listTraces(ref: string, environment: string, options: TraceQuery = {}) {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.errorsOnly) query.set('errors', 'true');
    if (options.lookback) query.set('lookback', options.lookback);
    const suffix = query.toString() ? `?${query}` : '';
    return this.get<TracesReport>(
      `${deploymentPath(ref, environment)}/traces${suffix}`,
    );
  }

  getEnvironmentUsage(environment: string) {
    return this.get<EnvironmentUsage>(
      `/environments/${encodeURIComponent(environment)}/usage`,
    );
  }

  getCosts(filter: CostFilter) {
    return this.get<CostReport>(`/costs${costQuery(filter)}`);
  }

  getCostRecommendations(filter: CostFilter) {
    return this.get<CostRecommendationsReport>(
      `/cost-recommendations${costQuery(filter)}`,
    );
  }

  streamLogs(
    ref: string,
    environment: string,
    options: LogStreamOptions,
    handlers: {
      onOpen?(): void;
      onLine(line: LogLine): void;
      onError?(error: Error): void;
      onEnd?(): void;
    },
  ): LogStream {
    const controller = new AbortController();
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined) query.set(key, String(value));
    }
    // EventSource cannot send the Backstage token; fetch with a streamed body can.
    (async () => {
      const baseUrl = await this.deps.discoveryApi.getBaseUrl('stagecraft');
      const response = await this.deps.fetchApi.fetch(
        `${baseUrl}${deploymentPath(ref, environment)}/logs?${query}`,
        {
          headers: { Accept: 'text/event-stream' },
          signal: controller.signal,
        },
      );
      if (!response.ok) throw await ResponseError.fromResponse(response);
      handlers.onOpen?.();
      for await (const event of readServerSentEvents(response.body!)) {
        if (event.event === 'line') handlers.onLine(JSON.parse(event.data));
        else if (event.event === 'error')
          handlers.onError?.(new Error(JSON.parse(event.data).message));
      }
      handlers.onEnd?.();
    })().catch(error => {
      if (!controller.signal.aborted) handlers.onError?.(error);
    });
    return { close: () => controller.abort() };
  }

  private async get<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'GET' });
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const baseUrl = await this.deps.discoveryApi.getBaseUrl('stagecraft');
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

/** The cost routes' filter as a query string; absent fields are left out. */
function costQuery(filter: CostFilter): string {
  const params = new URLSearchParams();
  for (const key of ['environment', 'project', 'component'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}
