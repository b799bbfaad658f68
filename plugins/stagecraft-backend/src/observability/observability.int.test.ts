import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import {
  describeWithTelemetry,
  emitTraces,
  testCluster,
  testTelemetry,
  USAGE_TEST_ANNOTATIONS,
} from '@stagecraft/test-cluster';
import express from 'express';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { RuntimeService } from '../runtime/RuntimeService';
import { createRouter } from '../service/createRouter';
import { expectMatchesSpec } from '../service/__testUtils__/expectMatchesSpec';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { builtInObservabilityProviders } from './builtInProviders';
import { ObservabilityService } from './ObservabilityService';
import { ObservabilityProviders } from './providerConfig';

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const MiB = 2 ** 20;

describeWithTelemetry('observability with the real telemetry servers', () => {
  // Two projects; `api` in one is a prefix of `api-gateway` in the other.
  const suffix = randomBytes(3).toString('hex');
  const shop = `o${suffix}`;
  const bank = `p${suffix}`;
  const api = { componentRef: 'component:default/api', environment: 'dev' };
  const gateway = {
    componentRef: 'component:default/api-gateway',
    environment: 'dev',
  };
  const kubeConfig = () => testCluster().kubeConfig();
  let stop: () => Promise<void> = async () => undefined;
  let service: ObservabilityService;
  let router: ReturnType<typeof createRouter>;

  beforeAll(async () => {
    const dataPlanes = new Map([
      [
        'local',
        new KubernetesDataPlane(
          'local',
          kubeConfig(),
          new ServerSideApplier(kubeConfig()),
        ),
      ],
    ]);
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: [
        ...testCatalog(shop),
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'System',
          metadata: { name: bank, namespace: 'default' },
          spec: { owner: 'team-a' },
        },
        component('api-gateway', bank, { type: 'worker', replicas: 1 }),
      ],
      dataPlanes,
    });
    h.controlPlane.start();
    await h.triggerCatalog();
    await h.controlPlane.idle();
    const runtime = new RuntimeService({
      deployments: h.actions,
      store: h.store,
      dataPlanes,
      links: [],
      logger: mockServices.logger.mock(),
    });
    const { metricsUrl, tracesUrl } = testTelemetry();
    service = new ObservabilityService({
      deployments: h.actions,
      runtime,
      providers: ObservabilityProviders.fromConfig(
        new ConfigReader({
          stagecraft: {
            observability: {
              metrics: { url: metricsUrl },
              traces: { url: tracesUrl },
            },
          },
        }),
        builtInObservabilityProviders(),
      ),
      logger: mockServices.logger.mock(),
    });
    router = createRouter({
      actions: h.actions,
      runtime,
      observability: service,
      httpAuth: mockServices.httpAuth(),
      targets: [],
      logger: mockServices.logger.mock(),
    });
    stop = async () => {
      await runtime.stop();
      await h.controlPlane.stop();
    };
  }, 120_000);

  afterAll(async () => {
    await stop();
    const core = kubeConfig().makeApiClient(CoreV1Api);
    for (const ns of [`${shop}-dev`, `${bank}-dev`])
      await core.deleteNamespace({ name: ns }).catch(() => undefined);
  });

  it('shows the usage set on the pods through metrics-server, next to the requests and limits of their spec', async () => {
    // Usage as kwok emulates it: set on the pod template, so the rollout's new pods carry it.
    const apps = kubeConfig().makeApiClient(AppsV1Api);
    const [deployment] = (
      await apps.listNamespacedDeployment({
        namespace: `${shop}-dev`,
        labelSelector: 'stagecraft.dev/component=api',
      })
    ).items;
    await apps.patchNamespacedDeployment({
      name: deployment.metadata!.name!,
      namespace: `${shop}-dev`,
      body: [
        {
          op: 'add',
          path: '/spec/template/metadata/annotations',
          value: {
            ...deployment.spec!.template.metadata?.annotations,
            [USAGE_TEST_ANNOTATIONS.cpu]: '250m',
            [USAGE_TEST_ANNOTATIONS.memory]: '48Mi',
          },
        },
      ],
    });

    const usage = await eventually(
      () => service.getUsage(api, ann),
      u =>
        u.available &&
        u.pods.length === 2 &&
        u.pods.every(
          p =>
            p.phase === 'Running' &&
            p.containers[0]?.usage?.memoryBytes === 48 * MiB,
        ),
      'the usage set on the rolled-out pods',
      // A rollout, then metrics-server needs two scrapes 10 s apart for a CPU rate.
      100_000,
    );
    for (const pod of usage.pods) {
      expect(pod.name).toMatch(/^api-/);
      const [main] = pod.containers;
      // A rate over two samples: within 5 %.
      expect(Math.abs(main.usage!.cpuMillicores - 250)).toBeLessThan(13);
      // The environment's default resources, from the pod spec.
      expect(main.requests).toEqual({
        cpuMillicores: 10,
        memoryBytes: 16 * MiB,
      });
      expect(main.limits).toEqual({ memoryBytes: 64 * MiB });
    }
    expect(usage.totals.usage?.memoryBytes).toBe(2 * 48 * MiB);
    expect(usage.totals.requests).toEqual({
      cpuMillicores: 20,
      memoryBytes: 32 * MiB,
    });
  }, 150_000);

  it("returns series of the component's own pods only, never another project's with a longer name", async () => {
    const podsOf = async (namespace: string, name: string) =>
      (
        await kubeConfig()
          .makeApiClient(CoreV1Api)
          .listNamespacedPod({
            namespace,
            labelSelector: `stagecraft.dev/component=${name}`,
          })
      ).items.map(p => p.metadata!.name!);
    const charted = (report: Awaited<ReturnType<typeof service.getMetrics>>) =>
      report.metrics
        .filter(m => m.name === 'memory' || m.name === 'cpu')
        .flatMap(m => m.series.map(s => s.pod!));

    // The pods running now (the usage test rolled api out again) are charted once scraped.
    const apiPods = await podsOf(`${shop}-dev`, 'api');
    const gatewayPods = await podsOf(`${bank}-dev`, 'api-gateway');
    const apiReport = await eventually(
      () => service.getMetrics(api, '15m', ann),
      r => r.state === 'ok' && apiPods.every(pod => charted(r).includes(pod)),
      'cpu and memory series of the running api pods',
      90_000,
    );
    const gatewayReport = await eventually(
      () => service.getMetrics(gateway, '15m', ann),
      r =>
        r.state === 'ok' && gatewayPods.every(pod => charted(r).includes(pod)),
      'memory series of api-gateway',
      90_000,
    );
    for (const pod of charted(apiReport)) {
      // `api-<replica set>-<pod>`: never `api-gateway-…`, nor the worker's.
      expect(pod).toMatch(/^api-[a-z0-9]+-[a-z0-9]+$/);
      expect(gatewayPods).not.toContain(pod);
    }
    expect(new Set(charted(gatewayReport))).toEqual(new Set(gatewayPods));
    // The bounds: 15 minutes at 15 s steps.
    expect(apiReport.stepSeconds).toBe(15);
    for (const metric of apiReport.metrics)
      for (const series of metric.series)
        expect(series.points.length).toBeLessThanOrEqual(61);
    // Nothing exports HTTP metrics on the fake pods: said, not an error.
    expect(apiReport.metrics.find(m => m.name === 'requests')).toMatchObject({
      state: 'no-data',
      series: [],
    });
  }, 200_000);

  it('returns the traces of the component in its environment only, and its failed ones when asked', async () => {
    const { otlpHttpUrl } = testTelemetry();
    const own = await emitTraces(
      otlpHttpUrl,
      {
        name: 'api',
        project: shop,
        environment: 'dev',
        namespace: `${shop}-dev`,
      },
      { traces: 4, errorEvery: 2 },
    );
    // The same service name elsewhere: another environment, another project.
    const staging = await emitTraces(otlpHttpUrl, {
      name: 'api',
      project: shop,
      environment: 'staging',
      namespace: `${shop}-staging`,
    });
    const otherProject = await emitTraces(otlpHttpUrl, {
      name: 'api',
      project: bank,
      environment: 'dev',
      namespace: `${bank}-dev`,
    });

    const report = await eventually(
      () =>
        service.getTraces(
          api,
          { limit: 50, errorsOnly: false, lookback: '15m' },
          ann,
        ),
      r => r.state === 'ok' && r.traces.length >= own.traceIds.length,
      "api's traces in Jaeger",
      30_000,
    );
    const ids = report.traces.map(t => t.traceId);
    expect(new Set(ids)).toEqual(new Set(own.traceIds));
    for (const foreign of [...staging.traceIds, ...otherProject.traceIds])
      expect(ids).not.toContain(foreign);
    const first = report.traces[0];
    expect(first).toMatchObject({ rootService: 'api', spanCount: 2 });
    expect(first.url).toBe(
      `${testTelemetry().tracesUrl}/trace/${first.traceId}`,
    );

    const failed = await service.getTraces(
      api,
      { limit: 50, errorsOnly: true, lookback: '15m' },
      ann,
    );
    expect(new Set(failed.traces.map(t => t.traceId))).toEqual(
      new Set(own.errorTraceIds),
    );
    expect(failed.traces.every(t => t.errorCount > 0)).toBe(true);
  }, 60_000);

  it('answers the REST routes with what the real servers said, as the spec describes it', async () => {
    const app = express().use('/api/stagecraft', router);
    for (const path of [
      '/components/default/api/deployments/dev/usage',
      '/components/default/api/deployments/dev/metrics?range=30m',
      '/components/default/api/deployments/dev/traces?limit=5&errors=true',
      '/environments/dev/usage',
    ]) {
      const res = await request(app).get(`/api/stagecraft${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expectMatchesSpec({
        method: 'GET',
        path: path.split('?')[0],
        status: res.status,
        body: res.body,
      });
    }
    const overview = await request(app).get(
      '/api/stagecraft/environments/dev/usage',
    );
    expect(
      overview.body.items
        .map((i: { componentRef: string }) => i.componentRef)
        .sort(),
    ).toEqual([
      'component:default/api',
      'component:default/api-gateway',
      'component:default/worker',
    ]);
    expect(
      overview.body.items.find(
        (i: { componentRef: string }) =>
          i.componentRef === 'component:default/api',
      ),
    ).toMatchObject({ available: true, podCount: 2 });
  }, 60_000);
});
