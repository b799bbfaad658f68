import type { DeploymentUsage } from '@stagecraft/plugin-stagecraft-common';
import type { ChartReference } from '../Metrics/TimeSeriesChart';
import { formatResource, Resource } from './usageLevel';

const FIELD = { cpu: 'cpuMillicores', memory: 'memoryBytes' } as const;

/**
 * The per-pod requests and limits to draw across the CPU and memory charts: each distinct
 * value once (pods of one release share them; during a rollout old and new may differ).
 */
export function resourceReferences(
  usage: DeploymentUsage | undefined,
): Record<Resource, ChartReference[]> {
  const build = (resource: Resource): ChartReference[] => {
    const field = FIELD[resource];
    const lines = new Map<string, ChartReference>();
    for (const pod of usage?.pods ?? []) {
      for (const kind of ['request', 'limit'] as const) {
        const value = (kind === 'request' ? pod.requests : pod.limits)[field];
        if (!value) continue;
        lines.set(`${kind}:${value}`, {
          kind,
          value,
          label: `${kind} ${formatResource(resource, value)}`,
        });
      }
    }
    return [...lines.values()];
  };
  return { cpu: build('cpu'), memory: build('memory') };
}
