import { KubeConfig } from '@kubernetes/client-node';
import { StagecraftLabel } from '@stagecraft/plugin-stagecraft-common';
import { parseQuantity } from '../apply/quantity';
import { isNotServed } from '../kube/KubeApiError';
import { kubeGet, readText } from '../kube/kubeRequest';

/** CPU and memory in use, as the runtime API reports them. */
export interface Usage {
  cpuMillicores: number;
  memoryBytes: number;
}

/** `metrics.k8s.io/v1beta1` PodMetrics, the parts read here. */
interface RawPodMetrics {
  metadata?: { name?: string };
  containers?: { name?: string; usage?: { cpu?: string; memory?: string } }[];
}

/** Options of {@link PodMetrics}. */
export interface PodMetricsOptions {
  /** A metrics-server that does not answer must not hold up the runtime view. Default 3 s. */
  timeoutMs: number;
  /** How long a cluster without the metrics API is not asked again. Default 5 min. */
  notServedRetryMs: number;
  now: () => number;
}

const DEFAULT_OPTIONS: PodMetricsOptions = {
  timeoutMs: 3000,
  notServedRetryMs: 5 * 60_000,
  now: Date.now,
};

/**
 * Pod CPU and memory from the metrics API, when the cluster serves it (metrics-server).
 *
 * @remarks
 * Asked per snapshot rather than watched: the metrics API serves no watches, and its values
 * are samples of a moment anyway. A cluster without it answers 404, remembered for a while so
 * each snapshot does not pay for the question; any failure means "no usage", never an error.
 */
export class PodMetrics {
  private readonly options: PodMetricsOptions;
  private notServedUntil = 0;

  constructor(
    private readonly kubeConfig: KubeConfig,
    options: Partial<PodMetricsOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** Usage by pod name of a component's pods in a namespace; undefined when unavailable. */
  async usage(
    namespace: string,
    component: string,
  ): Promise<Map<string, Usage> | undefined> {
    const items = await this.read(namespace, component);
    return items
      ? new Map(items.map(item => [item.metadata?.name ?? '', podUsage(item)]))
      : undefined;
  }

  /** Usage by pod name, then container name; undefined when unavailable. */
  async containerUsage(
    namespace: string,
    component: string,
  ): Promise<Map<string, Map<string, Usage>> | undefined> {
    const items = await this.read(namespace, component);
    return items
      ? new Map(
          items.map(item => [
            item.metadata?.name ?? '',
            new Map(
              (item.containers ?? []).map(c => [
                c.name ?? '',
                podUsage({ containers: [c] }),
              ]),
            ),
          ]),
        )
      : undefined;
  }

  private async read(
    namespace: string,
    component: string,
  ): Promise<RawPodMetrics[] | undefined> {
    if (this.options.now() < this.notServedUntil) return undefined;
    try {
      return await this.list(namespace, component);
    } catch (error) {
      if (isNotServed(error))
        this.notServedUntil =
          this.options.now() + this.options.notServedRetryMs;
      return undefined;
    }
  }

  private async list(
    namespace: string,
    component: string,
  ): Promise<RawPodMetrics[]> {
    const response = await kubeGet(
      this.kubeConfig,
      `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(
        namespace,
      )}/pods`,
      { labelSelector: `${StagecraftLabel.Component}=${component}` },
      AbortSignal.timeout(this.options.timeoutMs),
    );
    const body = await readText(response.body);
    await response.closed;
    return (JSON.parse(body) as { items?: RawPodMetrics[] }).items ?? [];
  }
}

/** A pod's usage: its containers' summed. */
export function podUsage(metrics: RawPodMetrics): Usage {
  let cpu = 0;
  let memory = 0;
  for (const container of metrics.containers ?? []) {
    cpu += quantityValue(container.usage?.cpu);
    memory += quantityValue(container.usage?.memory);
  }
  return {
    cpuMillicores: Math.round(cpu * 1000),
    memoryBytes: Math.round(memory),
  };
}

/** A quantity as a number (`250m` → 0.25, `64Mi` → 67108864); 0 when missing or unreadable. */
export function quantityValue(input: string | undefined): number {
  const quantity = input === undefined ? undefined : parseQuantity(input);
  return quantity ? Number(quantity.coefficient) * 10 ** quantity.exponent : 0;
}
