import { isApiserverReady } from './probes';
import type { LocalCluster } from './startLocalCluster';
import { waitFor } from './waitFor';

/** The supervisor's name for the API server (startLocalCluster's). */
const API_SERVER = 'kube-apiserver';

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
 * Starts every process stopped by {@link stopClusterProcesses} again: etcd and the API server
 * first, and once its `/readyz` (which includes its etcd check) says ok, the others in the
 * order they were first started. kube-controller-manager gives up for good when the API server
 * does not answer soon after its start, so it must not race the API server's own start-up.
 */
export async function startClusterProcesses(
  cluster: LocalCluster,
  timeoutMs = 60_000,
): Promise<void> {
  const names = cluster.processes.map(p => p.name);
  const apiServerAt = names.indexOf(API_SERVER) + 1;
  for (const name of names.slice(0, apiServerAt)) {
    await cluster.supervisor.relaunch(name, 0);
  }
  await waitFor(
    'the restarted cluster’s API server',
    () => isApiserverReady(cluster),
    { timeoutMs, intervalMs: 100 },
  );
  for (const name of names.slice(apiServerAt)) {
    await cluster.supervisor.relaunch(name, 0);
  }
}
