import type { ActionContext, DeploymentKey } from '../actions/types';
import type {
  DeploymentUsage,
  EnvironmentUsageItem,
  MetricsReport,
  TracesReport,
} from '@stagecraft/plugin-stagecraft-common';
import type { RangeName } from './timeRanges';

/*
 * The answers' shapes are shared with the frontend (`@stagecraft/plugin-stagecraft-common`,
 * api/observability.ts) and described by the OpenAPI spec.
 */
export type {
  ContainerUsage,
  DeploymentUsage,
  MetricReport,
  MetricsReport,
  MetricUnit,
  PodUsage,
  ProviderState,
  TraceSummary as TraceItem,
  TracesReport,
} from '@stagecraft/plugin-stagecraft-common';

/** Usage at a glance of every readable deployment in an environment; items name theirs. */
export interface EnvironmentUsage {
  environment: string;
  items: (EnvironmentUsageItem & DeploymentKey)[];
}

/** Which traces the caller asks for. */
export interface TraceRequest {
  limit: number;
  errorsOnly: boolean;
  lookback: RangeName;
}

/** The observability reads, each checking `stagecraft.deployment.read` on the component. */
export interface ObservabilityActions {
  getUsage(target: DeploymentKey, ctx: ActionContext): Promise<DeploymentUsage>;
  getMetrics(
    target: DeploymentKey,
    range: RangeName,
    ctx: ActionContext,
  ): Promise<MetricsReport>;
  getTraces(
    target: DeploymentKey,
    request: TraceRequest,
    ctx: ActionContext,
  ): Promise<TracesReport>;
  getEnvironmentUsage(
    environment: string,
    ctx: ActionContext,
  ): Promise<EnvironmentUsage>;
}
