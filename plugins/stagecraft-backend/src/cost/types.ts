import type { ActionContext } from '../actions/types';
import type { Money } from './money';

/** CPU and memory amounts; a field is absent when nothing sets or measures it. */
export interface Amounts {
  cpuMillicores?: number;
  memoryBytes?: number;
}

/** What one deployment's cost is computed from. */
export interface CostInput {
  componentRef: string;
  environment: string;
  /** The component's System (project) name; '' when it has none. */
  project: string;
  target?: string;
  podCount: number;
  /** Sum over the deployment's pods of their containers' requests. */
  requests: Amounts;
  /** Observed usage (metrics.k8s.io, now); absent when it could not be read. */
  usage?: Amounts;
}

/**
 * The cost of one component in one environment. Billed per resource is the larger of the
 * requests and the observed usage (requests alone when no usage is observed).
 */
export interface CostLine {
  componentRef: string;
  environment: string;
  project: string;
  podCount: number;
  requests: Amounts;
  usage?: Amounts;
  /** requests-only: no usage observed; requests-and-usage: max of both per resource. */
  basis: 'requests-only' | 'requests-and-usage';
  billed: { cpuMillicores: number; memoryBytes: number };
  hourly: Money;
  monthly: Money;
}

/** A recommendation with the monthly amount it saves. */
export interface CostRecommendation {
  kind: 'over-provisioned' | 'idle';
  componentRef: string;
  environment: string;
  project: string;
  /** One line: what to change. */
  summary: string;
  /** Observed usage against requests, in words. */
  evidence: string;
  /** For over-provisioned: the requests recommended instead (pod totals). */
  recommendedRequests?: Amounts;
  monthlySaving: Money;
}

/** A total of several lines. */
export interface CostTotal {
  name: string;
  hourly: Money;
  monthly: Money;
  deployments: number;
}

/** GET /costs: cost per component × environment and its totals. */
export interface CostReport {
  state: 'ok' | 'not-configured';
  /** Present when state is not-configured: what to set. */
  reason?: string;
  currency?: string;
  hoursPerMonth: number;
  items: CostLine[];
  byProject: CostTotal[];
  byEnvironment: CostTotal[];
  /** Over everything the caller may read (the filter's scope). */
  total?: CostTotal;
  /** Deployments left out because the caller may not read their component: a count only. */
  hiddenDeployments: number;
  /** Deployments whose usage or requests could not be read; priced as zero, named here. */
  gaps: { componentRef: string; environment: string; reason: string }[];
}

/** GET /cost-recommendations. */
export interface CostRecommendationsReport {
  state: 'ok' | 'not-configured';
  reason?: string;
  currency?: string;
  /** Largest saving first. */
  recommendations: CostRecommendation[];
  totalMonthlySaving?: Money;
  hiddenDeployments: number;
  thresholds: {
    overProvisionedRatio: number;
    headroom: number;
    idleCpuMillicores: number;
    minimumMonthlySaving: Money;
  };
}

/** The cost reads; each checks `stagecraft.deployment.read` per component. */
export interface CostActions {
  getCosts(filter: CostFilter, ctx: ActionContext): Promise<CostReport>;
  getRecommendations(
    filter: CostFilter,
    ctx: ActionContext,
  ): Promise<CostRecommendationsReport>;
}

/** Which deployments: all environments / projects when a field is absent. */
export interface CostFilter {
  environment?: string;
  /** A System name or ref (`system:default/storefront`). */
  project?: string;
  /** One component (ref); for the component page's card. */
  component?: string;
}
