import type { ActionContext } from '../actions/types';
import type { ObservedTraffic } from './observedTraffic';
import type {
  CostAmounts as Amounts,
  CostFilter,
  CostRecommendationsReport,
  CostReport,
} from '@stagecraft/plugin-stagecraft-common';

export type {
  CostAmounts as Amounts,
  CostFilter,
  CostLine,
  CostRecommendation,
  CostRecommendationsReport,
  CostReport,
  CostTotal,
} from '@stagecraft/plugin-stagecraft-common';

/** What one deployment's cost is computed from. */
export interface CostInput {
  componentRef: string;
  environment: string;
  /** The component's System (project) name; '' when it has none. */
  project: string;
  target?: string;
  podCount: number;
  /** Sum over the deployment's pods of their containers' requests, or the release's. */
  requests: Amounts;
  /** pods: read from the running pods; manifests: the compiled release (no pods to read). */
  requestsFrom: 'pods' | 'manifests';
  /** Observed usage (metrics.k8s.io, now); absent when it could not be read. */
  usage?: Amounts;
  /** Request metrics and traces of the last hour, read for deployments whose CPU looks idle. */
  traffic?: ObservedTraffic;
}

/** The cost reads; each checks `stagecraft.deployment.read` per component. */
export interface CostActions {
  getCosts(filter: CostFilter, ctx: ActionContext): Promise<CostReport>;
  getRecommendations(
    filter: CostFilter,
    ctx: ActionContext,
  ): Promise<CostRecommendationsReport>;
}
