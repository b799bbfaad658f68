import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { toKubeConfig } from '../control-plane/kubeconfig';
import { podLogLine } from '../control-plane/podLogLine';
import type { TelemetryEndpoints } from '../control-plane/startTelemetry';

/** The environment variable through which global setup hands the cluster to test workers. */
export const TEST_CLUSTER_ENV = 'STAGECRAFT_TEST_CLUSTER';

/** What a test worker knows about the shared cluster. */
export interface TestClusterHandle {
  server: string;
  caFile: string;
  token: string;
  kubeconfigPath: string;
  podLogFile: string;
  mode: 'api' | 'full';
  /** metrics-server, VictoriaMetrics and Jaeger, when built (always in CI). */
  telemetry?: TelemetryEndpoints;
}

function readHandle(): TestClusterHandle | undefined {
  const raw = process.env[TEST_CLUSTER_ENV];
  if (!raw) {
    throw new Error(
      `${TEST_CLUSTER_ENV} is not set: integration tests (*.int.test.ts) run with \`yarn test:integration\`, which starts the cluster`,
    );
  }
  return raw === 'unavailable'
    ? undefined
    : (JSON.parse(raw) as TestClusterHandle);
}

/**
 * `describe` when the shared cluster is running, `describe.skip` when global setup said it is
 * unavailable — outside CI only. With CI=true setup fails instead, and should a handle still be
 * missing (setup changed, a worker started without it) this throws: CI must never go green with
 * the integration tests skipped.
 */
export function describeWithCluster(name: string, fn: () => void): void {
  const handle = readHandle();
  if (!handle && process.env.CI === 'true')
    throw new Error(
      `"${name}" needs the test cluster, which is unavailable; with CI=true integration tests fail rather than skip: see the cluster's start-up error in global setup`,
    );
  (handle ? describe : describe.skip)(name, fn);
}

/**
 * `describe` when the shared cluster runs the telemetry servers; outside CI, a machine that
 * has not built them (tools/k8s/build.sh) skips these tests, as it skips the cluster's. With
 * CI=true they always run (global setup starts them), so a missing server throws here.
 */
export function describeWithTelemetry(name: string, fn: () => void): void {
  const telemetry = readHandle()?.telemetry;
  if (!telemetry && process.env.CI === 'true')
    throw new Error(
      `"${name}" needs the test cluster's telemetry servers, which are not running; with CI=true these tests fail rather than skip`,
    );
  (telemetry ? describe : describe.skip)(name, fn);
}

/** Whether the shared cluster serves metrics.k8s.io (its telemetry servers run). */
export function clusterServesMetrics(): boolean {
  return Boolean(readHandle()?.telemetry);
}

/** The shared cluster's telemetry servers; throws when they are not running. */
export function testTelemetry(): TelemetryEndpoints {
  const telemetry = readHandle()?.telemetry;
  if (!telemetry) {
    throw new Error(
      'the test cluster runs no telemetry servers: run tools/k8s/build.sh to build them',
    );
  }
  return telemetry;
}

/** The shared cluster, with a client configuration and a way to write pod logs. */
export function testCluster() {
  const handle = readHandle();
  if (!handle) throw new Error('the test cluster is unavailable');
  return {
    ...handle,
    kubeConfig: (): KubeConfig => toKubeConfig(handle),
    appendPodLog: (lines: string[]) =>
      appendFile(
        handle.podLogFile,
        lines.map(line => podLogLine(line)).join(''),
      ),
  };
}

/**
 * Gives each test its own namespace: created before each test, deleted (without waiting) after.
 * Call inside a `describe`; read the name with the returned function.
 */
export function useTestNamespace(prefix = 'test'): () => string {
  let name = '';
  beforeEach(async () => {
    name = `${prefix}-${randomBytes(4).toString('hex')}`;
    const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
    await core.createNamespace({
      body: { metadata: { name, labels: { 'stagecraft.dev/test': 'true' } } },
    });
  });
  afterEach(async () => {
    const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
    await core.deleteNamespace({ name }).catch(() => undefined);
  });
  return () => name;
}
