/*
 * Cost answers (GET /costs, /cost-recommendations and the agent actions costs and
 * cost-recommendations), shared by the backend and the portal; described by the OpenAPI spec.
 */

/** Money as it leaves the service: exact micros and the same value as a decimal string. */
export interface Money {
  /** Integer micro-units (10^-6) of the currency. */
  micros: number;
  /** The same amount in currency units, exactly, e.g. "12.345678". */
  amount: string;
}

/** CPU and memory amounts; a field is absent when nothing sets or measures it. */
export interface CostAmounts {
  cpuMillicores?: number;
  memoryBytes?: number;
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
  requests: CostAmounts;
  /** pods: summed over the running pods; manifests: the compiled release's replicas × requests. */
  requestsFrom: 'pods' | 'manifests';
  usage?: CostAmounts;
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
  recommendedRequests?: CostAmounts;
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

/** Which deployments: all environments / projects when a field is absent. */
export interface CostFilter {
  environment?: string;
  /** A System name or ref (`system:default/storefront`). */
  project?: string;
  /** One component (ref); for the component page's card. */
  component?: string;
}
