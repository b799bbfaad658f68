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
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { builtInObservabilityProviders } from '../observability/builtInProviders';
import { ObservabilityService } from '../observability/ObservabilityService';
import { ObservabilityProviders } from '../observability/providerConfig';
import { RuntimeService } from '../runtime/RuntimeService';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { readCostSettings } from './costConfig';
import { CostService } from './CostService';

/*
 * The idle rule against the real telemetry servers: api and worker both use next to no CPU
 * (kwok's usage emulation, read through metrics-server); api's traces reach Jaeger, worker
 * sends none, and neither exports request metrics (fake pods serve no HTTP). api is therefore
 * not idle; worker is, by CPU alone, and its evidence says there was no traffic signal.
 */

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };

describeWithTelemetry('the idle rule with real traffic signals', () => {
  const shop = `i${randomBytes(3).toString('hex')}`;
  const namespace = `${shop}-dev`;
  const api = { componentRef: 'component:default/api', environment: 'dev' };
  const worker = {
    componentRef: 'component:default/worker',
    environment: 'dev',
  };
  const kubeConfig = () => testCluster().kubeConfig();
  let stop: () => Promise<void> = async () => undefined;
  let observability: ObservabilityService;
  let cost: CostService;

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
    const entities = testCatalog(shop);
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities,
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
    observability = new ObservabilityService({
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
    cost = new CostService({
      deployments: h.actions,
      observability,
      allDeployments: () => h.store.listDeployments(),
      catalog: async () => new CatalogSnapshot(entities),
      settings: readCostSettings(
        new ConfigReader({
          stagecraft: {
            cost: {
              cpuHour: '0.04',
              memoryGiBHour: '0.005',
              // Two pods at 1m each, with the rate's few per cent of noise, stay below it.
              recommendations: { idleCpuMillicores: 10 },
            },
          },
        }),
      ),
    });
    stop = async () => {
      await runtime.stop();
      await h.controlPlane.stop();
    };
  }, 120_000);

  afterAll(async () => {
    await stop();
    await kubeConfig()
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: namespace })
      .catch(() => undefined);
  });

  /** kwok's emulated CPU usage of every pod of `component`, set on its pod template. */
  async function useCpu(component: string, cpu: string) {
    const apps = kubeConfig().makeApiClient(AppsV1Api);
    const [deployment] = (
      await apps.listNamespacedDeployment({
        namespace,
        labelSelector: `stagecraft.dev/component=${component}`,
      })
    ).items;
    await apps.patchNamespacedDeployment({
      name: deployment.metadata!.name!,
      namespace,
      body: [
        {
          op: 'add',
          path: '/spec/template/metadata/annotations',
          value: {
            ...deployment.spec!.template.metadata?.annotations,
            [USAGE_TEST_ANNOTATIONS.cpu]: cpu,
          },
        },
      ],
    });
  }

  it('traces make a quiet deployment not idle; without any traffic signal CPU alone decides, and says so', async () => {
    await useCpu('api', '1m');
    await useCpu('worker', '1m');
    await Promise.all(
      [api, worker].map(key =>
        eventually(
          () => observability.getUsage(key, ann),
          u =>
            u.available &&
            u.pods.length > 0 &&
            u.pods.every(p => p.phase === 'Running') &&
            (u.totals.usage?.cpuMillicores ?? Infinity) <= 4,
          `${key.componentRef}'s pods to use next to no CPU`,
          // A rollout, then metrics-server needs two scrapes 10 s apart for a CPU rate.
          120_000,
        ),
      ),
    );
    const sent = await emitTraces(
      testTelemetry().otlpHttpUrl,
      { name: 'api', project: shop, environment: 'dev', namespace },
      { traces: 3 },
    );
    await eventually(
      () =>
        observability.getTraces(
          api,
          { limit: 20, errorsOnly: false, lookback: '1h' },
          ann,
        ),
      r => r.state === 'ok' && r.traces.length >= sent.traceIds.length,
      "api's traces in Jaeger",
      30_000,
    );

    const { recommendations } = await cost.getRecommendations(
      { environment: 'dev' },
      ann,
    );
    const of = (key: typeof api) =>
      recommendations.filter(r => r.componentRef === key.componentRef);
    expect(of(api).map(r => r.kind)).toEqual(['over-provisioned']);
    expect(of(api)[0].evidence).toMatch(
      /; not idle: traces: 3 in the last hour$/,
    );
    expect(of(worker).map(r => r.kind)).toEqual(['idle']);
    expect(of(worker)[0].evidence).toMatch(
      /; no traffic signal \(request metrics: [^;]+; traces: none in the last hour, which an uninstrumented component never sends anyway\): judged by CPU alone$/,
    );
  }, 240_000);
});
