import { BinariesUnavailableError } from '../control-plane/binaries';
import { startLocalCluster } from '../control-plane/startLocalCluster';
import { TEST_CLUSTER_ENV, TestClusterHandle } from './testCluster';

/**
 * Jest global setup for integration tests: one `full`-mode cluster for the whole run. Workers
 * find it through the {@link TEST_CLUSTER_ENV} environment variable, which they inherit.
 *
 * With CI=true the binaries are built when missing and any failure fails the run; elsewhere a
 * machine without the binaries (no Go) skips the integration tests with one line saying why.
 */
export default async function globalSetup(): Promise<void> {
  const ci = process.env.CI === 'true';
  const started = Date.now();
  try {
    const cluster = await startLocalCluster({
      mode: 'full',
      build: ci,
      nodes: 2,
    });
    (globalThis as any).__stagecraftTestCluster = cluster;
    const handle: TestClusterHandle = {
      server: cluster.server,
      caFile: cluster.caFile,
      token: cluster.token,
      kubeconfigPath: cluster.kubeconfigPath,
      podLogFile: cluster.podLogFile,
      mode: cluster.mode,
    };
    process.env[TEST_CLUSTER_ENV] = JSON.stringify(handle);
    process.stdout.write(
      `\nlocal Kubernetes (${cluster.mode} mode) ready in ${
        Date.now() - started
      } ms at ${cluster.server}\n`,
    );
  } catch (error) {
    if (error instanceof BinariesUnavailableError && !ci) {
      process.stdout.write(
        `\nSkipping integration tests: ${
          error.message.split('\n')[0]
        }. Install Go 1.26+ and run tools/k8s/build.sh (or set CI=true) to run them.\n`,
      );
      process.env[TEST_CLUSTER_ENV] = 'unavailable';
      return;
    }
    throw error;
  }
}
