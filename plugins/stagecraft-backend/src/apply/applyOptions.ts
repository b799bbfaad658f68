import { RateLimiter } from '../kube/RateLimiter';
import { RequestCounter } from '../kube/RequestCounter';

/** Options of {@link ServerSideApplier}. */
export interface ApplyOptions {
  /** The field manager of every apply: Stagecraft owns exactly the fields it sets. */
  fieldManager: string;
  /**
   * Waited on before every request to the API server. Share one per API server across
   * everything that talks to it; without one requests are not limited.
   */
  limiter?: RateLimiter;
  /** Counts every request to the API server by verb, e.g. to report writes per resync. */
  counter?: RequestCounter;
  /**
   * Requests of one stage in flight at once (reads, dry runs, applies). The API server's
   * priority and fairness queues what it cannot take yet; the limiter caps the rate.
   */
  parallelism: number;
}

/** What `new ServerSideApplier(kubeConfig)` uses: field manager `stagecraft`, no rate limit. */
export const DEFAULT_APPLY_OPTIONS: ApplyOptions = {
  fieldManager: 'stagecraft',
  parallelism: 8,
};

/** Options of one {@link ServerSideApplier.applyAll}. */
export interface ApplyAllOptions {
  /**
   * Apply every object, even those whose live state already matches, e.g. for a redeploy a
   * person asked for. Without it, matching objects are reported `unchanged` and not sent.
   */
  force?: boolean;
}
