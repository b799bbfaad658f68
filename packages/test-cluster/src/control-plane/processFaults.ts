import type { LocalCluster } from './startLocalCluster';
import { isApiserverReady } from './probes';
import { isAlive } from './ProcessSupervisor';
import { waitFor } from './waitFor';

/**
 * Process faults for fault-injection tests: a component of a local cluster killed the way a
 * crash or the OOM killer ends it (SIGKILL, no graceful shutdown), and started again with the
 * same flags, ports and data directory. Use a cluster of your own: the shared test cluster
 * serves other test files at the same time.
 */

/** The supervisor's name for etcd. */
export const ETCD = 'etcd';

/** Kills one of the cluster's processes with SIGKILL and resolves once it has exited. */
export async function killClusterProcess(
  cluster: LocalCluster,
  name: string,
): Promise<void> {
  const process = cluster.processes.find(p => p.name === name);
  if (!process) throw new Error(`the cluster has no process named ${name}`);
  if (isAlive(process.pid)) globalThis.process.kill(process.pid, 'SIGKILL');
  // Already dead: the supervisor only waits for the exit it observes.
  await cluster.supervisor.stop(name, 0);
}

/**
 * Starts a killed process again (same command and arguments) and resolves once the API
 * server's `/readyz` says ok, which includes its etcd check: the cluster serves again.
 */
export async function relaunchClusterProcess(
  cluster: LocalCluster,
  name: string,
  timeoutMs = 60_000,
): Promise<void> {
  await cluster.supervisor.relaunch(name, 0);
  await waitFor(
    `${name} back and the API server ready`,
    async () => {
      // Each probe answers within its own 5 s timeout while etcd is still coming back.
      return isApiserverReady(cluster);
    },
    { timeoutMs, intervalMs: 100 },
  );
}
