import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { waitFor } from '../control-plane/waitFor';
import { describeWithTelemetry, testCluster, testTelemetry } from '../jest';
import { usageDeployment } from '../telemetry/usageWorkload';

interface VectorResult {
  status: string;
  data: {
    result: { metric: Record<string, string>; value: [number, string] }[];
  };
}

async function query(promql: string): Promise<VectorResult['data']['result']> {
  const url = new URL('/api/v1/query', testTelemetry().metricsUrl);
  url.searchParams.set('query', promql);
  const response = await fetch(url);
  const body = (await response.json()) as VectorResult;
  if (!response.ok || body.status !== 'success') {
    throw new Error(`query ${promql} answered ${response.status}`);
  }
  return body.data.result;
}

async function podNames(
  namespace: string,
  component: string,
): Promise<string[]> {
  const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
  const pods = await core.listNamespacedPod({
    namespace,
    labelSelector: `stagecraft.dev/component=${component}`,
  });
  return pods.items.map(p => p.metadata!.name!).sort();
}

describeWithTelemetry('VictoriaMetrics scraping kwok kubelet metrics', () => {
  // Two projects, each with a component called `api` in the same environment: the
  // situation in which selecting by component name alone would mix them up.
  const suffix = randomBytes(3).toString('hex');
  const projects = [`shop${suffix}`, `bank${suffix}`];
  const namespaceOf = (project: string) => `${project}-dev`;

  beforeAll(async () => {
    const kc = testCluster().kubeConfig();
    for (const [index, project] of projects.entries()) {
      await kc.makeApiClient(CoreV1Api).createNamespace({
        body: {
          metadata: {
            name: namespaceOf(project),
            labels: { 'stagecraft.dev/test': 'true' },
          },
        },
      });
      await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
        namespace: namespaceOf(project),
        body: usageDeployment({
          component: 'api',
          project,
          environment: 'dev',
          replicas: index + 1,
          memory: `${64 * (index + 1)}Mi`,
        }),
      });
    }
  });

  afterAll(async () => {
    const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
    for (const project of projects) {
      await core
        .deleteNamespace({ name: namespaceOf(project) })
        .catch(() => undefined);
    }
  });

  it("returns the memory series of one project's component's pods only, selected by the Stagecraft labels", async () => {
    const [shop, bank] = projects;
    const shopPods = await waitFor(
      'the shop pods',
      async () => {
        const names = await podNames(namespaceOf(shop), 'api');
        return names.length === 1 && names;
      },
      { timeoutMs: 30_000 },
    );
    const promql = `sum by (namespace, pod) (container_memory_working_set_bytes
      * on (namespace, pod) group_left
      kube_pod_labels{label_stagecraft_dev_project="${shop}", label_stagecraft_dev_component="api", label_stagecraft_dev_environment="dev"})`;

    const series = await waitFor(
      'the shop pods in VictoriaMetrics',
      async () => {
        const result = await query(promql);
        return result.length > 0 && result;
      },
      // One scrape every 10 s, visible to queries 5 s later.
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    expect(series.map(s => s.metric.pod)).toEqual(shopPods);
    expect(series.map(s => s.metric.namespace)).toEqual([namespaceOf(shop)]);
    expect(series.map(s => Number(s.value[1]))).toEqual([64 * 2 ** 20]);

    // The other project's `api` is scraped too (so the selection above is what excluded it).
    const bankPods = await podNames(namespaceOf(bank), 'api');
    const bankSeries = await waitFor(
      'the bank pods in VictoriaMetrics',
      async () => {
        const result = await query(
          `container_memory_working_set_bytes{namespace="${namespaceOf(
            bank,
          )}"}`,
        );
        return result.length === 2 && result;
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    expect(bankSeries.map(s => s.metric.pod).sort()).toEqual(bankPods);
  }, 120_000);

  it('keeps CPU as a counter whose rate is the usage', async () => {
    const [, bank] = projects;
    const rates = await waitFor(
      'a CPU rate for the bank pods',
      async () => {
        const result = await query(
          `rate(container_cpu_usage_seconds_total{namespace="${namespaceOf(
            bank,
          )}"}[1m])`,
        );
        return result.length === 2 && result;
      },
      // A rate needs two samples: up to two scrapes.
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    for (const { value } of rates) {
      // The default usage is 20m…120m per container.
      expect(Number(value[1])).toBeGreaterThan(0.015);
      expect(Number(value[1])).toBeLessThan(0.125);
    }
  }, 120_000);
});
