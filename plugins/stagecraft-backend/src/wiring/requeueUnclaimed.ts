import type { SchedulerService } from '@backstage/backend-plugin-api';
import type { DeploymentStore } from '../database/DeploymentStore';
import type { LeaseStore } from '../database/LeaseStore';
import type { StatusStore } from '../database/StatusStore';
import {
  DeploymentKey,
  deploymentKeyString,
} from '../deployment/DeploymentKey';
import { DEFAULT_CONTROL_PLANE_OPTIONS } from '../reconcile/ControlPlane';
import { hasConverged } from './requeueAfterOutage';

/** What {@link requeueUnclaimed} reads and where it queues. */
export interface RequeueUnclaimedOptions {
  store: Pick<DeploymentStore, 'listDeployments'>;
  status: Pick<StatusStore, 'listAll'>;
  leases: Pick<LeaseStore, 'heldKeys'>;
  enqueue: (key: DeploymentKey) => void;
}

/**
 * One pass, run by every replica every lease TTL: queues the deployments that have not
 * converged and that no replica holds a live lease on. Work is queued in the memory of the
 * replica that learnt of it (a catalog trigger pass, a REST call, a re-plan), so when that
 * replica dies nobody else knows of its work until the periodic resync, minutes later; this
 * pass finds it within a lease TTL of the dead replica's last renewal. Three database reads, no
 * API server request.
 *
 * Left out: failed deployments, whose retries belong to the work queue's backoff (queued every
 * pass, a broken deployment would be retried every lease TTL instead; the resync still picks
 * up those of a dead replica). A deployment another live replica has queued but not started
 * holds no lease yet and may be queued here too: the lease lets one replica run it at a time,
 * and the second run finds it at rest.
 *
 * Resolves with how many deployments it queued.
 */
export async function requeueUnclaimed(
  o: RequeueUnclaimedOptions,
): Promise<number> {
  const [deployments, statuses, held] = await Promise.all([
    o.store.listDeployments(),
    o.status.listAll(),
    o.leases.heldKeys(),
  ]);
  const statusByKey = new Map(statuses.map(s => [deploymentKeyString(s), s]));
  let queued = 0;
  for (const d of deployments) {
    const key = deploymentKeyString(d);
    const stored = statusByKey.get(key);
    if (hasConverged(d, stored) || stored?.state === 'failed' || held.has(key))
      continue;
    o.enqueue({ componentRef: d.componentRef, environment: d.environment });
    queued += 1;
  }
  return queued;
}

/**
 * Runs {@link requeueUnclaimed} on this replica every lease TTL: together with the TTL, a
 * killed replica's work is taken over within two TTLs of its last renewal.
 */
export async function scheduleRequeueUnclaimed(
  scheduler: Pick<SchedulerService, 'scheduleTask'>,
  o: RequeueUnclaimedOptions,
  everyMs = DEFAULT_CONTROL_PLANE_OPTIONS.leaseTtlMs,
): Promise<void> {
  await scheduler.scheduleTask({
    id: 'stagecraft-requeue-unclaimed',
    scope: 'local',
    frequency: { milliseconds: everyMs },
    timeout: { minutes: 1 },
    initialDelay: { milliseconds: everyMs },
    fn: async () => {
      await requeueUnclaimed(o);
    },
  });
}
