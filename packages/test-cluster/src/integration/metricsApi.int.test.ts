import { AppsV1Api } from '@kubernetes/client-node';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { locateBinaries } from '../control-plane/binaries';
import { apiGet } from '../control-plane/probes';
import { waitFor } from '../control-plane/waitFor';
import { describeWithTelemetry, testCluster, useTestNamespace } from '../jest';
import { usageDeployment } from '../telemetry/usageWorkload';

/** `metrics.k8s.io/v1beta1` PodMetrics, the parts checked here. */
interface PodMetricsList {
  items: {
    metadata: { name: string };
    containers: { name: string; usage: { cpu: string; memory: string } }[];
  }[];
}

/** Millicores of a metrics-API CPU quantity (`250m`, `249876543n`, `1`). */
function millicores(cpu: string): number {
  const units: Record<string, number> = { n: 1e-6, u: 1e-3, m: 1, '': 1000 };
  const [, value, unit] = /^(\d+(?:\.\d+)?)([num]?)$/.exec(cpu) ?? [];
  return Number(value) * units[unit];
}

/** Bytes of a metrics-API memory quantity (`131072Ki`, `128Mi`). */
function bytes(memory: string): number {
  const units: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    '': 1,
  };
  const [, value, unit] = /^(\d+)(Ki|Mi|Gi)?$/.exec(memory) ?? [];
  return Number(value) * units[unit ?? ''];
}

describeWithTelemetry(
  'metrics.k8s.io served by metrics-server from kwok usage',
  () => {
    const namespace = useTestNamespace('usage');

    /** The namespace's pod metrics once every pod of `expected` has them. */
    async function podMetricsOf(expected: number): Promise<PodMetricsList> {
      return waitFor(
        `metrics of ${expected} pods in ${namespace()}`,
        async () => {
          const { status, body } = await apiGet(
            testCluster(),
            `/apis/metrics.k8s.io/v1beta1/namespaces/${namespace()}/pods`,
          );
          const list = status === 200 && (JSON.parse(body) as PodMetricsList);
          return list && list.items.length === expected && list;
        },
        // metrics-server needs two scrapes 10 s apart before it reports CPU.
        { timeoutMs: 80_000, intervalMs: 1000 },
      );
    }

    it('reports the usage the pods are annotated with, per container, through the API server', async () => {
      const apps = testCluster().kubeConfig().makeApiClient(AppsV1Api);
      await apps.createNamespacedDeployment({
        namespace: namespace(),
        body: usageDeployment({
          component: 'checkout-api',
          project: 'payments',
          environment: 'dev',
          replicas: 2,
          cpu: '250m',
          memory: '128Mi',
          containers: ['app', 'sidecar'],
        }),
      });

      const metrics = await podMetricsOf(2);
      for (const pod of metrics.items) {
        expect(pod.metadata.name).toMatch(/^checkout-api-/);
        expect(pod.containers.map(c => c.name).sort()).toEqual([
          'app',
          'sidecar',
        ]);
        for (const { usage } of pod.containers) {
          // CPU is a rate over two cumulative samples timed by different clocks: within 5%.
          expect(Math.abs(millicores(usage.cpu) - 250)).toBeLessThan(12.5);
          expect(bytes(usage.memory)).toBe(128 * 2 ** 20);
        }
      }
    }, 120_000);

    it('gives pods without usage annotations a default between 20m and 120m CPU and 64Mi and 94Mi memory', async () => {
      const apps = testCluster().kubeConfig().makeApiClient(AppsV1Api);
      await apps.createNamespacedDeployment({
        namespace: namespace(),
        body: usageDeployment({
          component: 'orders-api',
          project: 'fulfilment',
          environment: 'dev',
        }),
      });

      const [pod] = (await podMetricsOf(1)).items;
      const [{ usage }] = pod.containers;
      expect(millicores(usage.cpu)).toBeGreaterThanOrEqual(19);
      expect(millicores(usage.cpu)).toBeLessThanOrEqual(121);
      expect(bytes(usage.memory)).toBeGreaterThanOrEqual(64 * 2 ** 20);
      expect(bytes(usage.memory)).toBeLessThanOrEqual(94 * 2 ** 20);
    }, 120_000);

    it('answers `kubectl top pods -A` with the pods of every namespace and their usage', async () => {
      const apps = testCluster().kubeConfig().makeApiClient(AppsV1Api);
      await apps.createNamespacedDeployment({
        namespace: namespace(),
        body: usageDeployment({
          component: 'storefront-web',
          project: 'storefront',
          environment: 'dev',
          cpu: '300m',
          memory: '96Mi',
          containers: ['app', 'sidecar'],
        }),
      });
      const { kubectl } = await locateBinaries({ build: false });
      if (!kubectl)
        throw new Error('kubectl is not built: run tools/k8s/build.sh');

      // What a user types (README): the cluster-wide list, across namespaces, through the
      // aggregated metrics.k8s.io API. A pod's row sums its containers.
      const row = await waitFor(
        `a row of ${namespace()} in kubectl top pods -A`,
        async () => {
          const { stdout } = await promisify(execFile)(kubectl, [
            '--kubeconfig',
            testCluster().kubeconfigPath,
            'top',
            'pods',
            '-A',
            '--no-headers',
          ]).catch(() => ({ stdout: '' }));
          return stdout
            .split('\n')
            .map(line => line.trim().split(/\s+/))
            .find(([ns]) => ns === namespace());
        },
        // metrics-server needs two scrapes 10 s apart before it reports CPU.
        { timeoutMs: 80_000, intervalMs: 2000 },
      );
      const [, pod, cpu, memory] = row;
      expect(pod).toMatch(/^storefront-web-/);
      expect(Math.abs(millicores(cpu) - 600)).toBeLessThan(30);
      expect(bytes(memory)).toBe(192 * 2 ** 20);
    }, 120_000);
  },
);
