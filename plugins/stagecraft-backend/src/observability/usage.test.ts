import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { builtInObservabilityProviders } from './builtInProviders';
import { ObservabilityService } from './ObservabilityService';
import { ObservabilityProviders } from './providerConfig';

const ctx = { credentials: mockCredentials.user() };
const target = {
  componentRef: 'component:default/checkout-api',
  environment: 'staging',
};
const usage = (cpuMillicores: number, memoryBytes: number) => ({
  cpuMillicores,
  memoryBytes,
});
const pod = (
  name: string,
  containers: string[],
  resources: [string, object][] = [],
) => ({
  name,
  namespace: 'shop-staging',
  phase: 'Running',
  containers: containers.map(c => ({ name: c })),
  resources: new Map(resources),
});

function setup(o: {
  located?: object;
  containerUsage?: Map<string, Map<string, object>>;
}) {
  const runtime = {
    kubeConfig: {},
    cache: {
      objectsOf: jest.fn(() => ({
        pods: [
          pod(
            'api-1',
            ['main', 'sidecar'],
            [
              ['main', { requests: usage(100, 64), limits: usage(1000, 512) }],
              ['sidecar', { requests: { cpuMillicores: 10 }, limits: {} }],
            ],
          ),
          // Its spec sets no requests or limits (the cache keeps none for it).
          pod('api-2', ['main']),
        ],
      })),
    },
    metrics: { containerUsage: jest.fn(async () => o.containerUsage) },
  };
  const locate = jest.fn(
    async () =>
      o.located ?? {
        kind: 'cluster',
        cluster: {
          runtime,
          inventory: [],
          namespaces: ['shop-staging'],
          component: 'checkout-api',
        },
      },
  );
  const service = new ObservabilityService({
    deployments: {
      readDeployment: jest.fn(),
      listEnvironmentDeployments: jest.fn(async () => [target] as any),
    },
    runtime: { locate: locate as any, namespaceOf: jest.fn() },
    providers: ObservabilityProviders.fromConfig(
      new ConfigReader({}),
      builtInObservabilityProviders(),
    ),
    logger: mockServices.logger.mock(),
  });
  return { service, locate, runtime };
}

describe('usage now', () => {
  it('puts each container’s usage next to its requests and limits, with sums per pod and in total', async () => {
    const { service, locate } = setup({
      containerUsage: new Map([
        [
          'api-1',
          new Map([
            ['main', usage(250, 128)],
            ['sidecar', usage(5, 8)],
          ]),
        ],
        ['api-2', new Map([['main', usage(50, 32)]])],
      ]),
    });
    const answer = await service.getUsage(target, ctx);
    expect(locate).toHaveBeenCalledWith(target, ctx);
    expect(answer).toMatchObject({ available: true, source: 'metrics-api' });
    expect(answer.pods[0]).toEqual({
      name: 'api-1',
      namespace: 'shop-staging',
      phase: 'Running',
      usage: usage(255, 136),
      requests: usage(110, 64),
      limits: usage(1000, 512),
      containers: [
        {
          name: 'main',
          usage: usage(250, 128),
          requests: usage(100, 64),
          limits: usage(1000, 512),
        },
        {
          name: 'sidecar',
          usage: usage(5, 8),
          requests: { cpuMillicores: 10 },
          limits: {},
        },
      ],
    });
    // api-2 sets no requests or limits: none are counted, still its usage.
    expect(answer.pods[1]).toMatchObject({
      usage: usage(50, 32),
      requests: {},
      limits: {},
    });
    expect(answer.totals).toEqual({
      usage: usage(305, 168),
      requests: usage(110, 64),
      limits: usage(1000, 512),
    });
  });

  it('says why without the metrics API, still with requests and limits', async () => {
    const { service } = setup({ containerUsage: undefined });
    const answer = await service.getUsage(target, ctx);
    expect(answer).toMatchObject({
      available: false,
      reason: expect.stringMatching(/does not serve the metrics API/),
    });
    expect(answer.pods[0].requests).toEqual(usage(110, 64));
    expect(answer.pods[0].usage).toBeUndefined();
  });

  it('passes on why a deployment has no live view (GitOps)', async () => {
    const { service } = setup({
      located: { kind: 'unavailable', reason: 'GitOps target' },
    });
    await expect(service.getUsage(target, ctx)).resolves.toEqual({
      ...target,
      available: false,
      reason: 'GitOps target',
      pods: [],
      totals: { requests: {}, limits: {} },
    });
  });

  it('sums each readable deployment of an environment', async () => {
    const { service } = setup({
      containerUsage: new Map([
        ['api-1', new Map([['main', usage(250, 128)]])],
      ]),
    });
    await expect(service.getEnvironmentUsage('staging', ctx)).resolves.toEqual({
      environment: 'staging',
      items: [
        {
          ...target,
          available: true,
          podCount: 2,
          usage: usage(250, 128),
          requests: usage(110, 64),
          limits: usage(1000, 512),
        },
      ],
    });
  });
});
