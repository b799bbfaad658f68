import {
  MANAGED_BY_VALUE,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';
import {
  json,
  loopbackApiServer,
  loopbackKubeConfig,
} from '../__testUtils__/loopbackApiServer';
import { PodMetrics, podUsage } from './PodMetrics';

describe('podUsage', () => {
  it('sums containers in millicores and bytes, whatever the quantity spelling', () => {
    expect(
      podUsage({
        metadata: { name: 'api-1' },
        containers: [
          { usage: { cpu: '12345678n', memory: '64Mi' } },
          { usage: { cpu: '250m', memory: '1048576' } },
          { usage: { cpu: '1' } },
        ],
      }),
    ).toEqual({ cpuMillicores: 1262, memoryBytes: 68157440 });
  });

  it('counts an unreadable quantity as zero', () => {
    expect(
      podUsage({ containers: [{ usage: { cpu: 'lots', memory: '' } }] }),
    ).toEqual({ cpuMillicores: 0, memoryBytes: 0 });
  });
});

describe('PodMetrics reads', () => {
  const podMetrics = (name: string, component: string, cpu: string) => ({
    metadata: {
      name,
      labels: {
        [StagecraftLabel.ManagedBy]: MANAGED_BY_VALUE,
        [StagecraftLabel.Component]: component,
      },
    },
    containers: [{ name: 'main', usage: { cpu, memory: '1Mi' } }],
  });
  const open: { close: () => Promise<unknown> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map(o => o.close()));
  });

  const ITEMS = [
    podMetrics('api-1', 'checkout-api', '100m'),
    podMetrics('api-2', 'checkout-api', '200m'),
    podMetrics('fraud-1', 'fraud-check', '50m'),
  ];

  async function start(
    status = 200,
    items: (labelSelector: string) => object[] = () => ITEMS,
  ) {
    const api = await loopbackApiServer((req, res) =>
      json(
        res,
        status,
        status === 200
          ? {
              items: items(
                new URL(req.url!, 'http://x').searchParams.get(
                  'labelSelector',
                ) ?? '',
              ),
            }
          : { kind: 'Status', code: status, message: 'no' },
      ),
    );
    open.push(api);
    let now = 0;
    const metrics = new PodMetrics(loopbackKubeConfig(api.server), {
      now: () => now,
    });
    return { api, metrics, advance: (ms: number) => (now += ms) };
  }

  it("answers every component of a namespace from one read of its managed pods, each with only its own pods'", async () => {
    const { api, metrics } = await start();

    const [checkout, fraud] = await Promise.all([
      metrics.usage('shop-dev', 'checkout-api'),
      metrics.containerUsage('shop-dev', 'fraud-check'),
    ]);

    expect([...checkout!.keys()]).toEqual(['api-1', 'api-2']);
    expect(checkout!.get('api-2')?.cpuMillicores).toBe(200);
    expect([...fraud!.keys()]).toEqual(['fraud-1']);
    expect(fraud!.get('fraud-1')?.get('main')?.cpuMillicores).toBe(50);
    expect(api.seen).toHaveLength(1);
    const url = new URL(api.seen[0].url!, api.server);
    expect(url.pathname).toBe(
      '/apis/metrics.k8s.io/v1beta1/namespaces/shop-dev/pods',
    );
    expect(url.searchParams.get('labelSelector')).toBe(
      `${StagecraftLabel.ManagedBy}=${MANAGED_BY_VALUE}`,
    );
  });

  it('reads a namespace again once the last read is maxAgeMs old, and each namespace apart', async () => {
    const { api, metrics, advance } = await start();
    await metrics.usage('shop-dev', 'checkout-api');
    await metrics.usage('shop-staging', 'checkout-api');
    advance(4999);
    await metrics.usage('shop-dev', 'fraud-check');
    expect(api.seen).toHaveLength(2);
    advance(1);
    await metrics.usage('shop-dev', 'fraud-check');
    expect(api.seen.map(s => new URL(s.url!, api.server).pathname)).toEqual([
      '/apis/metrics.k8s.io/v1beta1/namespaces/shop-dev/pods',
      '/apis/metrics.k8s.io/v1beta1/namespaces/shop-staging/pods',
      '/apis/metrics.k8s.io/v1beta1/namespaces/shop-dev/pods',
    ]);
  });

  it('answers unknown when the cluster does not serve the metrics API, and does not ask again for a while', async () => {
    const { api, metrics, advance } = await start(404);
    await expect(
      metrics.usage('shop-dev', 'checkout-api'),
    ).resolves.toBeUndefined();
    advance(60_000);
    await expect(
      metrics.usage('shop-staging', 'checkout-api'),
    ).resolves.toBeUndefined();
    expect(api.seen).toHaveLength(1);
  });

  it('asks again once notServedRetryMs has passed', async () => {
    const { api, metrics, advance } = await start(404);
    await metrics.usage('shop-dev', 'checkout-api');
    advance(5 * 60_000);
    await metrics.usage('shop-dev', 'checkout-api');
    expect(api.seen).toHaveLength(2);
  });

  it("asks per component with a label selector when the metrics API returns no pods' labels", async () => {
    const unlabelled = (name: string, cpu: string) => ({
      metadata: { name },
      containers: [{ name: 'main', usage: { cpu, memory: '1Mi' } }],
    });
    const { api, metrics } = await start(200, selector =>
      selector === `${StagecraftLabel.Component}=checkout-api`
        ? [unlabelled('api-1', '100m')]
        : [unlabelled('api-1', '100m'), unlabelled('fraud-1', '50m')],
    );

    const usage = await metrics.usage('shop-dev', 'checkout-api');

    expect([...usage!.keys()]).toEqual(['api-1']);
    expect(
      api.seen.map(s =>
        new URL(s.url!, api.server).searchParams.get('labelSelector'),
      ),
    ).toEqual([
      `${StagecraftLabel.ManagedBy}=${MANAGED_BY_VALUE}`,
      `${StagecraftLabel.Component}=checkout-api`,
    ]);
  });
});
