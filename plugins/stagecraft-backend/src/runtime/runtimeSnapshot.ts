import type {
  PodSummary,
  RuntimeEvent,
  RuntimeSnapshot,
} from '@stagecraft/plugin-stagecraft-common';
import { InventoryEntry } from '../inventory/inventory';
import { byMostRecent, eventsAbout } from './eventRecord';
import { Usage } from './PodMetrics';
import { ComponentObjects, OwnedPod } from './RuntimeCache';

/** What the cache and the metrics API said about a deployment in one of its namespaces. */
export interface NamespaceRuntime {
  namespace: string;
  objects: ComponentObjects;
  /** Usage by pod name; absent when the metrics API is not served or failed. */
  usage?: Map<string, Usage>;
}

/**
 * The runtime snapshot of a deployment: its pods sorted by name, the events about its objects
 * (inventory, ReplicaSets and Jobs, pods, gone pods included) most recent first, and usage
 * summed over the pods when every namespace's metrics could be read.
 */
export function runtimeSnapshot(o: {
  componentRef: string;
  environment: string;
  inventory: InventoryEntry[];
  namespaces: NamespaceRuntime[];
}): RuntimeSnapshot {
  const pods = o.namespaces
    .flatMap(ns => ns.objects.pods.map(pod => podSummary(pod, ns.usage)))
    .sort((a, b) => a.name.localeCompare(b.name));
  const events = o.namespaces.flatMap(ns => namespaceEvents(ns, o.inventory));
  const metered = o.namespaces.every(ns => ns.usage);
  return {
    componentRef: o.componentRef,
    environment: o.environment,
    available: true,
    pods,
    events: events.sort(byMostRecent),
    ...(metered && pods.length > 0 ? { usage: totalUsage(pods) } : {}),
  };
}

function podSummary(pod: OwnedPod, usage?: Map<string, Usage>): PodSummary {
  const { controller: _, resources: __, ...summary } = pod;
  const used = usage?.get(pod.name);
  return used ? { ...summary, usage: used } : summary;
}

function namespaceEvents(
  ns: NamespaceRuntime,
  inventory: InventoryEntry[],
): RuntimeEvent[] {
  const { pods, owners, events } = ns.objects;
  const objects = new Set([
    ...inventory
      .filter(entry => entry.namespace === ns.namespace)
      .map(entry => `${entry.kind}/${entry.name}`),
    ...owners.map(owner => `${owner.kind}/${owner.name}`),
    ...pods.map(pod => `Pod/${pod.name}`),
  ]);
  return eventsAbout(events, {
    objects,
    podPrefixes: owners.map(owner => `${owner.name}-`),
  });
}

function totalUsage(pods: PodSummary[]): Usage {
  return pods.reduce(
    (total, pod) => ({
      cpuMillicores: total.cpuMillicores + (pod.usage?.cpuMillicores ?? 0),
      memoryBytes: total.memoryBytes + (pod.usage?.memoryBytes ?? 0),
    }),
    { cpuMillicores: 0, memoryBytes: 0 },
  );
}
