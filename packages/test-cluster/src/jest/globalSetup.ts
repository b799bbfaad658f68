import { BinariesUnavailableError } from '../control-plane/binaries';
import { startLocalCluster } from '../control-plane/startLocalCluster';
import { locateTelemetryBinaries } from '../control-plane/telemetryBinaries';
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
    // The telemetry servers always run in CI (build.sh builds them); elsewhere when built,
    // and the line below says why the tests that need them skip otherwise.
    const telemetry =
      ci ||
      (await locateTelemetryBinaries().then(
        () => true,
        () => false,
      ));
    const cluster = await startLocalCluster({
      mode: 'full',
      build: ci,
      nodes: 2,
      telemetry,
    });
    (globalThis as any).__stagecraftTestCluster = cluster;
    const handle: TestClusterHandle = {
      server: cluster.server,
      caFile: cluster.caFile,
      token: cluster.token,
      kubeconfigPath: cluster.kubeconfigPath,
      podLogFile: cluster.podLogFile,
      mode: cluster.mode,
      ...(cluster.telemetry ? { telemetry: cluster.telemetry } : {}),
    };
    process.env[TEST_CLUSTER_ENV] = JSON.stringify(handle);
    process.stdout.write(
      `\nlocal Kubernetes (${cluster.mode} mode) ready in ${
        Date.now() - started
      } ms at ${cluster.server}${
        cluster.telemetry
          ? ` with metrics-server, VictoriaMetrics at ${cluster.telemetry.metricsUrl} and Jaeger at ${cluster.telemetry.tracesUrl}`
          : ' (telemetry servers not built: run tools/k8s/build.sh)'
      }\n`,
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
