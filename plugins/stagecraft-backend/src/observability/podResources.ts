import { KubeConfig } from '@kubernetes/client-node';
import {
  StagecraftLabel,
  type ResourceAmounts,
} from '@stagecraft/plugin-stagecraft-common';
import { kubeGet, readText } from '../kube/kubeRequest';
import { quantityValue } from '../runtime/PodMetrics';

/** CPU and memory a container asks for or is capped at; a field is absent when not set. */
export type { ResourceAmounts } from '@stagecraft/plugin-stagecraft-common';

/** A container's requests and limits, from its pod's spec. */
export interface ContainerResources {
  requests: ResourceAmounts;
  limits: ResourceAmounts;
}

interface RawResources {
  requests?: { cpu?: string; memory?: string };
  limits?: { cpu?: string; memory?: string };
}

interface RawPodList {
  items?: {
    metadata?: { name?: string };
    spec?: { containers?: { name?: string; resources?: RawResources }[] };
  }[];
}

/** Reads the requests and limits of a component's pods' containers. */
export type PodResourcesReader = (
  kubeConfig: KubeConfig,
  namespace: string,
  component: string,
) => Promise<Map<string, Map<string, ContainerResources>> | undefined>;

/**
 * Requests and limits by pod, then container, listed from the API server (the runtime cache
 * keeps no specs). Any failure means "unknown", never an error: usage is still worth showing.
 */
export const readPodResources: PodResourcesReader = async (
  kubeConfig,
  namespace,
  component,
) => {
  try {
    const response = await kubeGet(
      kubeConfig,
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
      { labelSelector: `${StagecraftLabel.Component}=${component}` },
      AbortSignal.timeout(3000),
    );
    const body = await readText(response.body);
    await response.closed;
    const list = JSON.parse(body) as RawPodList;
    return new Map(
      (list.items ?? []).map(pod => [
        pod.metadata?.name ?? '',
        new Map(
          (pod.spec?.containers ?? []).map(c => [
            c.name ?? '',
            {
              requests: amountsOf(c.resources?.requests),
              limits: amountsOf(c.resources?.limits),
            },
          ]),
        ),
      ]),
    );
  } catch {
    return undefined;
  }
};

function amountsOf(raw: { cpu?: string; memory?: string } | undefined) {
  const amounts: ResourceAmounts = {};
  if (raw?.cpu !== undefined)
    amounts.cpuMillicores = Math.round(quantityValue(raw.cpu) * 1000);
  if (raw?.memory !== undefined)
    amounts.memoryBytes = Math.round(quantityValue(raw.memory));
  return amounts;
}

/** Sums amounts; a field is present when any part has it. */
export function sumAmounts(parts: ResourceAmounts[]): ResourceAmounts {
  const sum: ResourceAmounts = {};
  for (const part of parts) {
    if (part.cpuMillicores !== undefined)
      sum.cpuMillicores = (sum.cpuMillicores ?? 0) + part.cpuMillicores;
    if (part.memoryBytes !== undefined)
      sum.memoryBytes = (sum.memoryBytes ?? 0) + part.memoryBytes;
  }
  return sum;
}
