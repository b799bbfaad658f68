import type { MetricName } from '@stagecraft/plugin-stagecraft-node';
import type { ActionContext, DeploymentKey } from '../actions/types';
import type { Usage } from '../runtime/PodMetrics';
import type { ResourceAmounts } from './podResources';
import type { RangeName } from './timeRanges';

/** ok: the provider answered; not-configured: none for the environment; unavailable: it failed. */
export type ProviderState = 'ok' | 'not-configured' | 'unavailable';

/** A container's usage now against what its spec requests and limits. */
export interface ContainerUsage {
  name: string;
  usage?: Usage;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
}

/** A pod's usage now: its containers' and their sums. */
export interface PodUsage {
  name: string;
  namespace: string;
  phase: string;
  usage?: Usage;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
  containers: ContainerUsage[];
}

/** CPU and memory of a deployment's pods now (GET …/usage). */
export interface DeploymentUsage extends DeploymentKey {
  available: boolean;
  reason?: string;
  source?: 'metrics-api';
  pods: PodUsage[];
  totals: { usage?: Usage; requests: ResourceAmounts; limits: ResourceAmounts };
}

/** The unit a metric's values are in. */
export type MetricUnit =
  | 'millicores'
  | 'bytes'
  | 'count'
  | 'requests-per-second'
  | 'errors-per-second'
  | 'seconds';

/** One metric's series (GET …/metrics). */
export interface MetricReport {
  name: MetricName;
  title: string;
  unit: MetricUnit;
  state: 'ok' | 'no-data' | 'unavailable';
  reason?: string;
  series: { pod?: string; points: { t: number; v: number }[] }[];
}

/** A deployment's time series over a range. */
export interface MetricsReport extends DeploymentKey {
  state: ProviderState;
  reason?: string;
  provider?: string;
  start?: string;
  end?: string;
  stepSeconds?: number;
  metrics: MetricReport[];
}

/** One trace as the REST API shows it. */
export interface TraceItem {
  traceId: string;
  rootOperation: string;
  rootService: string;
  startTime: string;
  durationMs: number;
  spanCount: number;
  errorCount: number;
  url?: string;
}

/** A deployment's recent traces (GET …/traces). */
export interface TracesReport extends DeploymentKey {
  state: ProviderState;
  reason?: string;
  provider?: string;
  searchUrl?: string;
  traces: TraceItem[];
}

/** Usage at a glance of every readable deployment in an environment. */
export interface EnvironmentUsage {
  environment: string;
  items: (DeploymentKey & {
    available: boolean;
    reason?: string;
    podCount: number;
    usage?: Usage;
    requests: ResourceAmounts;
    limits: ResourceAmounts;
  })[];
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
