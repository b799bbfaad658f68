import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeConfig } from '@kubernetes/client-node';
import type { DataPlane, LiveCluster } from '../targets/DataPlane';
import { DEFAULT_BACKOFF } from '../watch/backoff';
import { HttpResourceClient } from '../kube/ResourceClient';
import { WarningThrottle } from '../watch/WarningThrottle';
import { PodMetrics } from './PodMetrics';
import { openPodLog } from './podLogLines';
import { RuntimeCache } from './RuntimeCache';
import { SharedLogFollows } from './SharedLogFollows';

/** The runtime machinery of one target with a live cluster. */
export interface TargetRuntime {
  kubeConfig: KubeConfig;
  cache: RuntimeCache;
  metrics: PodMetrics;
  /** Live logs, one upstream follow per container however many streams show it. */
  logs: SharedLogFollows;
}

/** How long the same watch failure stays quiet in the log after it was reported. */
const WARNING_INTERVAL_MS = 5 * 60_000;

/**
 * One {@link TargetRuntime} per target with a live cluster, created on first use.
 *
 * @remarks
 * Lazily, rather than at start-up: the drift watches must run from the start, but the
 * runtime cache only serves people looking at a runtime page. Watching every pod and the events
 * of every managed namespace of every target would cost memory and connections on replicas and
 * targets nobody looks at. The price is the first request per target, which waits for the
 * initial lists (a fraction of a second on a reachable cluster).
 */
export class TargetRuntimes {
  private readonly byTarget = new Map<string, TargetRuntime>();

  constructor(private readonly logger: LoggerService) {}

  get(plane: DataPlane & { cluster: LiveCluster }): TargetRuntime {
    let runtime = this.byTarget.get(plane.name);
    if (!runtime) {
      runtime = this.create(plane.name, plane.cluster);
      this.byTarget.set(plane.name, runtime);
    }
    return runtime;
  }

  /** Stops every cache's watches and log follows; resolves once their connections are closed. */
  async stop(): Promise<void> {
    const runtimes = [...this.byTarget.values()];
    this.byTarget.clear();
    await Promise.all(runtimes.flatMap(r => [r.cache.stop(), r.logs.stop()]));
  }

  private create(name: string, cluster: LiveCluster): TargetRuntime {
    const { kubeConfig } = cluster;
    const logger = this.logger.child({ target: name });
    const cache = new RuntimeCache({
      clientFor: scope => new HttpResourceClient(kubeConfig, scope),
      logger,
      throttle: new WarningThrottle(
        message => logger.warn(message),
        WARNING_INTERVAL_MS,
      ),
      backoff: DEFAULT_BACKOFF,
      server: kubeConfig.getCurrentCluster()?.server ?? 'unknown',
    });
    return {
      kubeConfig,
      cache,
      metrics: new PodMetrics(kubeConfig),
      logs: new SharedLogFollows((request, signal) =>
        openPodLog(kubeConfig, request, signal),
      ),
    };
  }
}
