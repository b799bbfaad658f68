import { KubeConfig } from '@kubernetes/client-node';
import { StagecraftLabel } from '@stagecraft/plugin-stagecraft-common';
import { parseQuantity } from '../apply/quantity';
import { isNotServed } from '../kube/KubeApiError';
import { kubeGet, readText } from '../kube/kubeRequest';
import { MANAGED_SELECTOR } from '../kube/watchedKinds';
import { RecentReads } from './RecentReads';

/** CPU and memory in use, as the runtime API reports them. */
export interface Usage {
  cpuMillicores: number;
  memoryBytes: number;
}

/** `metrics.k8s.io/v1beta1` PodMetrics, the parts read here. */
interface RawPodMetrics {
  metadata?: { name?: string; labels?: Record<string, string> };
  containers?: { name?: string; usage?: { cpu?: string; memory?: string } }[];
}

/** Options of {@link PodMetrics}. */
export interface PodMetricsOptions {
  /** A metrics-server that does not answer must not hold up the runtime view. Default 3 s. */
  timeoutMs: number;
  /** How long a cluster without the metrics API is not asked again. Default 5 min. */
  notServedRetryMs: number;
  /**
   * How long one read of a namespace answers for every component in it. Default 5 s, under
   * metrics-server's own resolution (15 s by default), so a view polling it still sees each
   * new sample.
   */
  maxAgeMs: number;
  now: () => number;
}

const DEFAULT_OPTIONS: PodMetricsOptions = {
  timeoutMs: 3000,
  notServedRetryMs: 5 * 60_000,
  maxAgeMs: 5000,
  // Monotonic: a wall clock set back would make old reads look new.
  now: () => performance.now(),
};

/**
 * Pod CPU and memory from the metrics API, when the cluster serves it (metrics-server).
 *
 * @remarks
 * Asked when a view needs it rather than watched: the metrics API serves no watches, and its
 * values are samples of a moment anyway. One read lists a namespace's managed pods and answers
 * every component of it for `maxAgeMs`: a project's or the organisation's cost asks about
 * every deployment at once, which read per component was a request per deployment on every
 * page view. Components are told apart by their pods' labels, which the metrics API
 * returns with each PodMetrics (metrics-server copies the pod's); an implementation that
 * returns none is asked per component with a label selector instead. A cluster without the API
 * answers 404, remembered for `notServedRetryMs` so each view does not pay for the question;
 * any failure means "no usage", never an error.
 */
export class PodMetrics {
  private readonly options: PodMetricsOptions;
  private notServedUntil = 0;
  private readonly namespaces: RecentReads<RawPodMetrics[]>;

  constructor(
    private readonly kubeConfig: KubeConfig,
    options: Partial<PodMetricsOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.namespaces = new RecentReads(this.options.maxAgeMs, this.options.now);
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

  /** The PodMetrics of a component's pods in a namespace; undefined when unavailable. */
  private async read(
    namespace: string,
    component: string,
  ): Promise<RawPodMetrics[] | undefined> {
    if (this.options.now() < this.notServedUntil) return undefined;
    const items = await this.namespaces.get(namespace, () =>
      this.readList(namespace, MANAGED_SELECTOR),
    );
    if (!items) return undefined;
    if (items.some(item => !item.metadata?.labels))
      // Namespace names have no '/': this key is no namespace's.
      return this.namespaces.get(`${namespace}/${component}`, () =>
        this.readList(namespace, `${StagecraftLabel.Component}=${component}`),
      );
    return items.filter(
      item => item.metadata?.labels?.[StagecraftLabel.Component] === component,
    );
  }

  private async readList(
    namespace: string,
    labelSelector: string,
  ): Promise<RawPodMetrics[] | undefined> {
    try {
      return await this.list(namespace, labelSelector);
    } catch (error) {
      if (isNotServed(error))
        this.notServedUntil =
          this.options.now() + this.options.notServedRetryMs;
      return undefined;
    }
  }

  private async list(
    namespace: string,
    labelSelector: string,
  ): Promise<RawPodMetrics[]> {
    const response = await kubeGet(
      this.kubeConfig,
      `/apis/metrics.k8s.io/v1beta1/namespaces/${encodeURIComponent(
        namespace,
      )}/pods`,
      { labelSelector },
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
