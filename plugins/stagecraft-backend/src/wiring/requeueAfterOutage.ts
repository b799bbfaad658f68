import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { targetNameOf } from '../catalog/targetNameOf';
import type { Deployment, DeploymentStore } from '../database/DeploymentStore';
import type { StatusStore, StoredStatus } from '../database/StatusStore';
import type { DeploymentKey } from '../deployment/DeploymentKey';

/** A deployment has converged when its last reconcile synced it at its current generation. */
export function hasConverged(
  deployment: Pick<Deployment, 'generation'>,
  stored: Pick<StoredStatus, 'state' | 'observedGeneration'> | undefined,
): boolean {
  return (
    stored?.state === 'synced' &&
    (stored.observedGeneration ?? 0) >= deployment.generation
  );
}

/** Options of {@link requeueAfterOutage}. */
export interface RequeueAfterOutageOptions {
  /** The data-plane target whose cluster answers again. */
  target: string;
  catalog: () => Promise<CatalogSnapshot>;
  store: Pick<DeploymentStore, 'listDeployments'>;
  status: Pick<StatusStore, 'get'>;
  enqueue: (key: DeploymentKey) => void;
  logger: Pick<LoggerService, 'info' | 'warn'>;
  /** Calls within this long are one pass (every watched kind reports its reconnect). */
  coalesceMs?: number;
}

/**
 * What to do when a target's cluster answers again after an outage: queue the deployments of
 * the environments on it that have not converged (a reconcile the outage failed, a change
 * queued meanwhile), so they run now instead of when the work queue's backoff — up to five
 * minutes after a long outage — comes round. Synced deployments are left alone: the watches'
 * relist finds what changed on them. Returns the callback; a burst of calls makes one pass.
 */
export function requeueAfterOutage(o: RequeueAfterOutageOptions): () => void {
  let scheduled: ReturnType<typeof setTimeout> | undefined;
  const pass = async () => {
    scheduled = undefined;
    const catalog = await o.catalog();
    const onTarget = (await o.store.listDeployments()).filter(
      d => targetNameOf(catalog, d.environment) === o.target,
    );
    let queued = 0;
    for (const d of onTarget) {
      if (hasConverged(d, await o.status.get(d.componentRef, d.environment)))
        continue;
      o.enqueue({ componentRef: d.componentRef, environment: d.environment });
      queued += 1;
    }
    o.logger.info(
      `cluster of target ${o.target} answers again: queued ${queued} of its ${onTarget.length} deployment(s) that had not converged`,
    );
  };
  return () => {
    if (scheduled) return;
    scheduled = setTimeout(() => {
      pass().catch(error =>
        o.logger.warn(
          `could not queue the deployments of target ${o.target} after its outage; the queue's retries and the periodic resync will: ${error}`,
        ),
      );
    }, o.coalesceMs ?? 500);
    scheduled.unref?.();
  };
}
