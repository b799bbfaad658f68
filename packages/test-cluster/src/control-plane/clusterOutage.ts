import { isApiserverReady } from './probes';
import type { LocalCluster } from './startLocalCluster';
import { waitFor } from './waitFor';

/**
 * A whole cluster going away and coming back, as when a data centre or a cluster's control
 * plane is lost: every process of the cluster (etcd, kube-apiserver, controllers, kwok,
 * telemetry) stopped, then started again with the same flags, ports, certificates, token and
 * data directory. Clients keep their configuration and reconnect to the same address; etcd
 * keeps every object. Use a cluster of your own: the shared test cluster serves other files.
 */

/** Stops every process of the cluster by PID, newest first, keeping its directory. */
export async function stopClusterProcesses(
  cluster: LocalCluster,
): Promise<void> {
  await cluster.supervisor.stopAll();
}

/**
 * Starts every process stopped by {@link stopClusterProcesses} again, in the order they were
 * first started (etcd before the API server before the controllers), and resolves once the API
 * server's `/readyz` (which includes its etcd check) says ok.
 */
export async function startClusterProcesses(
  cluster: LocalCluster,
  timeoutMs = 60_000,
): Promise<void> {
  for (const { name } of cluster.processes) {
    await cluster.supervisor.relaunch(name, 0);
  }
  await waitFor(
    'the restarted cluster’s API server',
    () => isApiserverReady(cluster),
    { timeoutMs, intervalMs: 100 },
  );
}
