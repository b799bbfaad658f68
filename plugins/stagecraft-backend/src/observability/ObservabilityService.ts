import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import { projectNameOf } from '@stagecraft/plugin-stagecraft-common';
import {
  ObservabilityScope,
  ObservabilityUnavailableError,
} from '@stagecraft/plugin-stagecraft-node';
import type {
  ActionContext,
  DeploymentActions,
  DeploymentKey,
  ReadableDeployment,
} from '../actions/types';
import type { RuntimeService } from '../runtime/RuntimeService';
import { NamespaceUsage, podUsages, totalsOf } from './deploymentUsage';
import { metricsReportOf } from './metricsReport';
import { ObservabilityProviders } from './providerConfig';
import { rangeMs, RangeName, stepSecondsFor } from './timeRanges';
import type {
  DeploymentUsage,
  EnvironmentUsage,
  MetricsReport,
  ObservabilityActions,
  TraceRequest,
  TracesReport,
} from './types';

/** What {@link ObservabilityService} is built from. */
export interface ObservabilityServiceDeps {
  /** Checks `stagecraft.deployment.read` and lists an environment's readable deployments. */
  deployments: Pick<DeploymentActions, 'listEnvironmentDeployments'> & {
    readDeployment(
      target: DeploymentKey,
      ctx: ActionContext,
    ): Promise<ReadableDeployment>;
  };
  /** Where a deployment runs: the same lookups as the runtime views. */
  runtime: Pick<RuntimeService, 'locate' | 'namespaceOf'>;
  providers: ObservabilityProviders;
  logger: LoggerService;
  now?: () => number;
}

/** Most traces one request may ask for. */
export const MAX_TRACES = 100;
/** Deployments of an environment whose usage is read at once. */
const ENVIRONMENT_CONCURRENCY = 8;

/**
 * Usage, metrics and traces of deployments. Every read starts with the deployment lookup that
 * checks `stagecraft.deployment.read`; providers are asked with names from the catalog and the
 * deployment record, never the request's strings; a missing or failing provider is a state
 * with a reason in the answer, never an error response.
 */
export class ObservabilityService implements ObservabilityActions {
  constructor(private readonly deps: ObservabilityServiceDeps) {}

  async getUsage(
    target: DeploymentKey,
    ctx: ActionContext,
  ): Promise<DeploymentUsage> {
    const located = await this.deps.runtime.locate(target, ctx);
    if (located.kind === 'unavailable')
      return {
        ...target,
        available: false,
        reason: located.reason,
        pods: [],
        totals: { requests: {}, limits: {} },
      };
    const { runtime, namespaces, component } = located.cluster;
    const answers: NamespaceUsage[] = await Promise.all(
      namespaces.map(async namespace => ({
        pods: runtime.cache.objectsOf(namespace, component).pods,
        usage: await runtime.metrics.containerUsage(namespace, component),
      })),
    );
    const pods = podUsages(answers);
    const available =
      answers.length > 0 && answers.every(a => a.usage !== undefined);
    return {
      ...target,
      available,
      ...(available
        ? { source: 'metrics-api' as const }
        : {
            reason:
              answers.length === 0
                ? 'the deployment has not been applied yet'
                : 'the cluster does not serve the metrics API (metrics.k8s.io); install metrics-server',
          }),
      pods,
      totals: totalsOf(pods),
    };
  }

  async getMetrics(
    target: DeploymentKey,
    range: RangeName,
    ctx: ActionContext,
  ): Promise<MetricsReport> {
    const durationMs = boundedRange(range);
    const found = await this.deps.deployments.readDeployment(target, ctx);
    const resolved = this.deps.providers.metricsFor(
      found.deployment.environment,
      found.targetName,
    );
    if (resolved.state !== 'ok') return { ...target, ...resolved, metrics: [] };
    const scope = await this.scopeOf(found);
    if (!scope) return { ...target, ...notApplied(), metrics: [] };
    const endMs = this.now();
    const stepSeconds = stepSecondsFor(durationMs);
    const startMs = endMs - durationMs;
    try {
      const results = await resolved.provider.queryRange(scope, {
        startMs,
        endMs,
        stepSeconds,
      });
      return {
        ...target,
        state: 'ok',
        provider: resolved.type,
        start: new Date(startMs).toISOString(),
        end: new Date(endMs).toISOString(),
        stepSeconds,
        metrics: metricsReportOf(results),
      };
    } catch (error) {
      return {
        ...target,
        ...this.unavailable(error, 'metrics', resolved.type),
        metrics: [],
      };
    }
  }

  async getTraces(
    target: DeploymentKey,
    request: TraceRequest,
    ctx: ActionContext,
  ): Promise<TracesReport> {
    const lookbackMs = boundedRange(request.lookback);
    if (
      !Number.isInteger(request.limit) ||
      request.limit < 1 ||
      request.limit > MAX_TRACES
    )
      throw new InputError(`limit must be between 1 and ${MAX_TRACES}`);
    const found = await this.deps.deployments.readDeployment(target, ctx);
    const resolved = this.deps.providers.tracesFor(
      found.deployment.environment,
      found.targetName,
    );
    if (resolved.state !== 'ok') return { ...target, ...resolved, traces: [] };
    const scope = await this.scopeOf(found);
    if (!scope) return { ...target, ...notApplied(), traces: [] };
    const query = {
      limit: request.limit,
      errorsOnly: request.errorsOnly,
      lookbackMs,
      endMs: this.now(),
    };
    const searchUrl = resolved.provider.searchUrl?.(scope, query);
    try {
      const traces = await resolved.provider.findTraces(scope, query);
      return {
        ...target,
        state: 'ok',
        provider: resolved.type,
        ...(searchUrl ? { searchUrl } : {}),
        traces: traces.slice(0, request.limit).map(({ startMs, ...t }) => ({
          ...t,
          startTime: new Date(startMs).toISOString(),
        })),
      };
    } catch (error) {
      return {
        ...target,
        ...this.unavailable(error, 'traces', resolved.type),
        traces: [],
      };
    }
  }

  async getEnvironmentUsage(
    environment: string,
    ctx: ActionContext,
  ): Promise<EnvironmentUsage> {
    const deployments = await this.deps.deployments.listEnvironmentDeployments(
      environment,
      ctx,
    );
    const items: EnvironmentUsage['items'] = [];
    for (let i = 0; i < deployments.length; i += ENVIRONMENT_CONCURRENCY) {
      const batch = deployments.slice(i, i + ENVIRONMENT_CONCURRENCY);
      items.push(
        ...(await Promise.all(
          batch.map(async ({ componentRef }) => {
            const key = { componentRef, environment };
            const usage = await this.getUsage(key, ctx).catch(() => undefined);
            if (!usage)
              return {
                ...key,
                available: false,
                reason: 'its usage could not be read',
                podCount: 0,
                requests: {},
                limits: {},
              };
            return {
              ...key,
              available: usage.available,
              ...(usage.reason ? { reason: usage.reason } : {}),
              podCount: usage.pods.length,
              ...usage.totals,
            };
          }),
        )),
      );
    }
    return { environment, items };
  }

  /** The scope a provider is asked about: catalog names and the applied namespace only. */
  private async scopeOf(
    found: ReadableDeployment,
  ): Promise<ObservabilityScope | undefined> {
    const namespace = await this.deps.runtime.namespaceOf(found);
    if (!namespace) return undefined;
    return {
      project: projectNameOf(found.component) ?? '',
      component: parseEntityRef(found.deployment.componentRef).name,
      environment: found.deployment.environment,
      namespace,
      ...(found.targetName ? { target: found.targetName } : {}),
    };
  }

  /** A provider's failure as a state: its own safe message, else a generic one. */
  private unavailable(error: unknown, kind: string, type: string) {
    const safe = error instanceof ObservabilityUnavailableError;
    // Only the error's kind: a foreign provider's message may carry what it was sent.
    this.deps.logger.warn(
      `Stagecraft ${kind} provider "${type}" failed: ${
        safe ? (error as Error).message : (error as Error)?.name ?? 'error'
      }`,
    );
    return {
      state: 'unavailable' as const,
      reason: safe
        ? (error as Error).message
        : `unavailable: the ${kind} provider "${type}" failed`,
      provider: type,
    };
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}

function boundedRange(name: string): number {
  try {
    return rangeMs(name);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

function notApplied() {
  return {
    state: 'unavailable' as const,
    reason:
      'the deployment has not been applied yet, so it has no namespace to read',
  };
}
