import type { ResourceAmounts } from '@stagecraft/plugin-stagecraft-common';
import { quantityValue } from './PodMetrics';

/** A container's requests and limits, from its pod's spec. */
export interface ContainerResources {
  requests: ResourceAmounts;
  limits: ResourceAmounts;
}

/** `resources` of a container as the API server's JSON spells it. */
export interface RawResources {
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
}

/** Requests and limits in millicores and bytes; a field is absent when the spec omits it. */
export function containerResourcesOf(
  raw: RawResources | undefined,
): ContainerResources {
  return { requests: amountsOf(raw?.requests), limits: amountsOf(raw?.limits) };
}

function amountsOf(raw: { cpu?: string; memory?: string } | undefined) {
  const amounts: ResourceAmounts = {};
  if (raw?.cpu !== undefined)
    amounts.cpuMillicores = Math.round(quantityValue(raw.cpu) * 1000);
  if (raw?.memory !== undefined)
    amounts.memoryBytes = Math.round(quantityValue(raw.memory));
  return amounts;
}
