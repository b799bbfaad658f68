import type {
  KubernetesObject,
  V1CronJob,
  V1Deployment,
  V2HorizontalPodAutoscaler,
  V1Job,
  V1Pod,
} from '@kubernetes/client-node';
import { isNotFound } from '../apply/errors';
import { InventoryEntry } from '../inventory/inventory';
import type { ObjectClient } from '../kube/ObjectClient';
import { cronJobRollout } from '../rollout/cronJobRollout';
import { deploymentRollout } from '../rollout/deploymentRollout';
import {
  combineRollouts,
  WorkloadObservation,
  WorkloadRollout,
} from '../rollout/WorkloadRollout';

const missing = (entry: InventoryEntry): WorkloadRollout => ({
  workload: `${entry.kind}/${entry.name}`,
  state: 'degraded',
  message: `missing from namespace ${entry.namespace} (deleted outside Stagecraft?)`,
});

/**
 * Reads the live workloads of an inventory (and what their rollout depends on: the pods a
 * Deployment selects, the autoscaler that scales it, the Jobs a CronJob created) and lets the
 * rollout functions of rollout/ judge them. Undefined when the inventory has no workload.
 */
export async function observeWorkloads(
  client: ObjectClient,
  inventory: InventoryEntry[],
): Promise<WorkloadObservation | undefined> {
  const autoscalers = await readAll<V2HorizontalPodAutoscaler>(
    client,
    inventory.filter(e => e.kind === 'HorizontalPodAutoscaler'),
  );
  const rollouts: WorkloadRollout[] = [];
  for (const entry of inventory) {
    if (!entry.namespace) continue;
    if (entry.kind === 'Deployment')
      rollouts.push(await observeDeployment(client, entry, autoscalers));
    if (entry.kind === 'CronJob')
      rollouts.push(await observeCronJob(client, entry));
  }
  return combineRollouts(rollouts);
}

async function observeDeployment(
  client: ObjectClient,
  entry: InventoryEntry,
  autoscalers: V2HorizontalPodAutoscaler[],
): Promise<WorkloadRollout> {
  const live = await read<V1Deployment>(client, entry);
  if (!live) return missing(entry);
  return deploymentRollout(live, {
    terminatingPods: await terminatingPods(client, live),
    autoscaler: autoscalers.find(
      a =>
        a.metadata?.namespace === entry.namespace &&
        a.spec?.scaleTargetRef.kind === 'Deployment' &&
        a.spec.scaleTargetRef.name === entry.name,
    ),
  });
}

/** Pods the Deployment selects that are being deleted: status.replicas no longer counts them. */
async function terminatingPods(
  client: ObjectClient,
  live: V1Deployment,
): Promise<number> {
  const labels = Object.entries(live.spec?.selector?.matchLabels ?? {});
  // The compiler always selects by labels; without any, every pod would match.
  if (labels.length === 0) return 0;
  const pods = await client.list<V1Pod>(
    'v1',
    'Pod',
    live.metadata?.namespace,
    undefined,
    undefined,
    undefined,
    undefined,
    labels.map(([k, v]) => `${k}=${v}`).join(','),
  );
  return pods.items.filter(p => p.metadata?.deletionTimestamp).length;
}

async function observeCronJob(
  client: ObjectClient,
  entry: InventoryEntry,
): Promise<WorkloadRollout> {
  const live = await read<V1CronJob>(client, entry);
  if (!live) return missing(entry);
  const jobs = await client.list<V1Job>('batch/v1', 'Job', entry.namespace);
  const own = jobs.items.filter(j =>
    j.metadata?.ownerReferences?.some(o => o.uid === live.metadata?.uid),
  );
  const newest = own.sort((a, b) =>
    String(b.metadata?.creationTimestamp).localeCompare(
      String(a.metadata?.creationTimestamp),
    ),
  )[0];
  return cronJobRollout(live, newest);
}

/** The live object, or undefined when it does not exist. Plain JSON: field names match the typed model. */
async function read<T extends KubernetesObject>(
  client: ObjectClient,
  entry: InventoryEntry,
): Promise<T | undefined> {
  try {
    return (await client.read({
      apiVersion: entry.apiVersion,
      kind: entry.kind,
      metadata: { name: entry.name, namespace: entry.namespace! },
    })) as T;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function readAll<T extends KubernetesObject>(
  client: ObjectClient,
  entries: InventoryEntry[],
): Promise<T[]> {
  const found = await Promise.all(entries.map(e => read<T>(client, e)));
  return found.filter((o): o is Awaited<T> => o !== undefined);
}
