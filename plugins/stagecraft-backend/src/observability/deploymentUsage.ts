import type { ContainerResources } from '../runtime/containerResources';
import type { PodRecord } from '../runtime/podRecord';
import type { Usage } from '../runtime/PodMetrics';
import { ResourceAmounts, sumAmounts } from './resourceAmounts';
import type { PodUsage } from './types';

/** What one namespace of a deployment answered. */
export interface NamespaceUsage {
  pods: Pick<
    PodRecord,
    'name' | 'namespace' | 'phase' | 'containers' | 'resources'
  >[];
  /** By pod, then container; undefined when the metrics API did not answer. */
  usage?: Map<string, Map<string, Usage>>;
}

const NO_RESOURCES: ContainerResources = { requests: {}, limits: {} };

/** Usage summed; undefined when no part has any. */
export function sumUsage(parts: (Usage | undefined)[]): Usage | undefined {
  const known = parts.filter((u): u is Usage => u !== undefined);
  if (known.length === 0) return undefined;
  return {
    cpuMillicores: known.reduce((sum, u) => sum + u.cpuMillicores, 0),
    memoryBytes: known.reduce((sum, u) => sum + u.memoryBytes, 0),
  };
}

/** The pods of the runtime cache, each container with its usage, requests and limits. */
export function podUsages(namespaces: NamespaceUsage[]): PodUsage[] {
  return namespaces.flatMap(({ pods, usage }) =>
    pods.map(pod => {
      const containers = pod.containers.map(c => ({
        name: c.name,
        ...optional('usage', usage?.get(pod.name)?.get(c.name)),
        ...(pod.resources.get(c.name) ?? NO_RESOURCES),
      }));
      return {
        name: pod.name,
        namespace: pod.namespace,
        phase: pod.phase,
        ...optional('usage', sumUsage(containers.map(c => c.usage))),
        requests: sumAmounts(containers.map(c => c.requests)),
        limits: sumAmounts(containers.map(c => c.limits)),
        containers,
      };
    }),
  );
}

/** Totals over pods. */
export function totalsOf(pods: PodUsage[]): {
  usage?: Usage;
  requests: ResourceAmounts;
  limits: ResourceAmounts;
} {
  return {
    ...optional('usage', sumUsage(pods.map(p => p.usage))),
    requests: sumAmounts(pods.map(p => p.requests)),
    limits: sumAmounts(pods.map(p => p.limits)),
  };
}

/** `{ [key]: value }`, or nothing when the value is undefined (the spec forbids nulls). */
function optional<K extends string, V>(
  key: K,
  value: V | undefined,
): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
