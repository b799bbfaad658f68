import { AppsV1Api } from '@kubernetes/client-node';
import {
  describeWithTelemetry,
  testCluster,
  usageDeployment,
  useTestNamespace,
} from '@stagecraft/test-cluster';
import { eventually } from '../__testUtils__/eventually';
import { PodMetrics } from './PodMetrics';

describeWithTelemetry(
  'PodMetrics against metrics-server on the test cluster',
  () => {
    const namespace = useTestNamespace('podmetrics');

    it("reads a component's pod usage from metrics.k8s.io, and no other component's", async () => {
      const apps = testCluster().kubeConfig().makeApiClient(AppsV1Api);
      const deploy = (body: ReturnType<typeof usageDeployment>) =>
        apps.createNamespacedDeployment({ namespace: namespace(), body });
      await deploy(
        usageDeployment({
          component: 'checkout-api',
          project: 'payments',
          environment: 'dev',
          replicas: 2,
          cpu: '300m',
          memory: '96Mi',
          containers: ['app', 'proxy'],
        }),
      );
      await deploy(
        usageDeployment({
          component: 'fraud-check',
          project: 'payments',
          environment: 'dev',
          cpu: '50m',
        }),
      );

      const metrics = new PodMetrics(testCluster().kubeConfig());
      const usage = await eventually(
        () => metrics.usage(namespace(), 'checkout-api'),
        found => found?.size === 2,
        "metrics of checkout-api's two pods",
        // metrics-server reports CPU after two scrapes, 10 s apart.
        80_000,
      );
      for (const [pod, { cpuMillicores, memoryBytes }] of usage!) {
        expect(pod).toMatch(/^checkout-api-/);
        // Two containers of 300m each; a rate over two samples, within 5%.
        expect(Math.abs(cpuMillicores - 600)).toBeLessThan(30);
        expect(memoryBytes).toBe(2 * 96 * 2 ** 20);
      }
    }, 120_000);
  },
);
