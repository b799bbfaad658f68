import {
  AppsV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
  Watch,
} from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';

/** A managed Deployment and the replica count the control plane keeps it at. */
export interface DriftTarget {
  namespace: string;
  name: string;
  replicas: number;
}

/**
 * Drift-correction latency, `rounds` times: sets a random target's `spec.replicas` to a wrong
 * value with a client of its own (as a person with kubectl would) and measures until the API
 * server holds the desired value again. The correction is observed with a watch from the
 * patch's resourceVersion, so it is seen at once and cannot be missed. Between rounds the
 * control plane is given time to settle, so each round measures one correction alone.
 * Resolves with the latencies in milliseconds, in round order.
 */
export async function measureDriftCorrection(o: {
  kubeConfig: KubeConfig;
  targets: DriftTarget[];
  rounds: number;
  /** Resolves when the control plane has nothing queued or running. */
  settle: () => Promise<void>;
  timeoutMs?: number;
}): Promise<number[]> {
  const apps = o.kubeConfig.makeApiClient(AppsV1Api);
  const watch = new Watch(o.kubeConfig);
  const latencies: number[] = [];
  for (let round = 0; round < o.rounds; round++) {
    const target = o.targets[Math.floor(Math.random() * o.targets.length)];
    const started = performance.now();
    const patched = await apps.patchNamespacedDeployment(
      {
        name: target.name,
        namespace: target.namespace,
        fieldManager: 'bench-drift',
        body: { spec: { replicas: target.replicas + 3 } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await untilReplicas(watch, target, {
      resourceVersion: patched.metadata!.resourceVersion!,
      timeoutMs: o.timeoutMs ?? 30_000,
    });
    latencies.push(performance.now() - started);
    await o.settle();
  }
  return latencies;
}

/** Resolves when a watch from `resourceVersion` sees the target back at its replica count. */
async function untilReplicas(
  watch: Watch,
  target: DriftTarget,
  o: { resourceVersion: string; timeoutMs: number },
): Promise<void> {
  const what = `Deployment ${target.namespace}/${target.name}`;
  const stop = new AbortController();
  const corrected = new Promise<void>((resolve, reject) => {
    watch
      .watch(
        `/apis/apps/v1/namespaces/${target.namespace}/deployments`,
        {
          fieldSelector: `metadata.name=${target.name}`,
          resourceVersion: o.resourceVersion,
        },
        (_phase, object) => {
          if (object?.spec?.replicas === target.replicas) resolve();
        },
        error =>
          reject(new Error(`the watch of ${what} ended: ${error ?? 'closed'}`)),
      )
      .then(request => {
        // Events may arrive before the request handle does: abort it whichever comes last.
        if (stop.signal.aborted) request.abort();
        else stop.signal.addEventListener('abort', () => request.abort());
      }, reject);
  });
  const timeout = sleep(o.timeoutMs, undefined, { signal: stop.signal }).then(
    () => {
      throw new Error(`${what} was not corrected within ${o.timeoutMs} ms`);
    },
  );
  try {
    await Promise.race([corrected, timeout]);
  } finally {
    stop.abort();
  }
}
