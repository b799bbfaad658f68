import type { LoggerService } from '@backstage/backend-plugin-api';
import { ManagedObjectWatcher } from '../drift/ManagedObjectWatcher';
import type { ControlPlane } from '../reconcile/ControlPlane';
import type { DataPlane } from '../targets/DataPlane';
import {
  requeueAfterOutage,
  RequeueAfterOutageOptions,
} from './requeueAfterOutage';

/**
 * One drift watch per target with a live cluster, each on its own cluster: events go to the
 * control plane; when a cluster answers again after an outage, that target's deployments that
 * have not converged are queued at once (requeueAfterOutage) rather than at the end of the
 * work queue's backoff (up to 5 min).
 */
export function createDriftWatchers(
  o: Pick<RequeueAfterOutageOptions, 'catalog' | 'store' | 'status'> & {
    dataPlanes: ReadonlyMap<string, DataPlane>;
    controlPlane: Pick<ControlPlane, 'onWatchEvent' | 'enqueue'>;
    logger: LoggerService;
  },
): ManagedObjectWatcher[] {
  return [...o.dataPlanes.values()].flatMap(({ name, cluster }) =>
    cluster
      ? [
          new ManagedObjectWatcher({
            kubeConfig: cluster.kubeConfig,
            logger: o.logger.child({ target: name }),
            onEvent: event => o.controlPlane.onWatchEvent(event),
            onReconnected: requeueAfterOutage({
              target: name,
              catalog: o.catalog,
              store: o.store,
              status: o.status,
              enqueue: key => o.controlPlane.enqueue(key),
              logger: o.logger,
            }),
            // Resyncs at rest are answered from what the watch has seen.
            liveState: cluster.liveState,
          }),
        ]
      : [],
  );
}
