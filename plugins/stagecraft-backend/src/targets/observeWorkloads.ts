import type { V1Deployment } from '@kubernetes/client-node';
import { isNotFound } from '../apply/errors';
import { InventoryEntry } from '../inventory/inventory';
import type { ObjectClient } from '../kube/ObjectClient';
import type { WorkloadObservation } from './DataPlane';

/** Sums the live Deployments of an inventory; undefined when it has none (jobs, cron jobs). */
export async function observeWorkloads(
  client: ObjectClient,
  inventory: InventoryEntry[],
): Promise<WorkloadObservation | undefined> {
  const deployments = inventory.filter(
    e => e.kind === 'Deployment' && e.namespace,
  );
  if (deployments.length === 0) return undefined;
  const total: WorkloadObservation = {
    desired: 0,
    ready: 0,
    updated: 0,
    stale: false,
  };
  for (const entry of deployments) {
    let live: V1Deployment;
    try {
      // Plain JSON: the status fields read below have the same names as in the typed model.
      live = (await client.read({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: entry.name, namespace: entry.namespace! },
      })) as V1Deployment;
    } catch (error) {
      if (isNotFound(error)) {
        total.failure = `Deployment ${entry.namespace}/${entry.name} is missing`;
        continue;
      }
      throw error;
    }
    const desired = live.spec?.replicas ?? 1;
    total.desired += desired;
    total.ready += live.status?.readyReplicas ?? 0;
    total.updated += live.status?.updatedReplicas ?? 0;
    if (
      (live.status?.observedGeneration ?? 0) < (live.metadata?.generation ?? 0)
    )
      total.stale = true;
    const stuck = live.status?.conditions?.find(
      c =>
        (c.type === 'Progressing' && c.status === 'False') ||
        (c.type === 'ReplicaFailure' && c.status === 'True'),
    );
    if (stuck)
      total.failure = `${entry.name}: ${stuck.reason ?? stuck.type}${
        stuck.message ? ` — ${stuck.message}` : ''
      }`;
  }
  return total;
}
