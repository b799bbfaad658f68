import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { ConfigReader } from '@backstage/config';
import {
  MetricsProvider,
  ObservabilityScope,
  ObservabilityUnavailableError,
  TracesProvider,
} from '@stagecraft/plugin-stagecraft-node';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReadableDeployment } from '../actions/types';
import { builtInObservabilityProviders } from './builtInProviders';
import { ObservabilityService } from './ObservabilityService';
import { ObservabilityProviders } from './providerConfig';

const ctx = { credentials: mockCredentials.user() };
const target = {
  componentRef: 'component:default/checkout-api',
  environment: 'staging',
};
const found = {
  deployment: { ...target, releaseId: 'r1' },
  component: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout-api', namespace: 'default' },
    spec: { system: 'shop' },
  },
  catalog: {},
  targetName: 'local',
} as unknown as ReadableDeployment;

function setup(o: {
  metrics?: MetricsProvider;
  traces?: TracesProvider;
  denied?: boolean;
  namespace?: string;
  /** `stagecraft.observability` as app-config has it, for the built-in providers. */
  config?: object;
}) {
  const extensions = builtInObservabilityProviders();
  if (o.metrics) extensions.addMetricsProvider('fake', () => o.metrics!);
  if (o.traces) extensions.addTracesProvider('fake', () => o.traces!);
  const observability = o.config ?? {
    ...(o.metrics ? { metrics: { type: 'fake' } } : {}),
    ...(o.traces ? { traces: { type: 'fake' } } : {}),
  };
  const logger = mockServices.logger.mock();
  const readDeployment = jest.fn(async () => {
    if (o.denied) throw new NotAllowedError('not yours');
    return found;
  });
  const service = new ObservabilityService({
    deployments: {
      readDeployment,
      listEnvironmentDeployments: jest.fn(),
    },
    runtime: {
      locate: jest.fn(),
      namespaceOf: jest.fn(async () =>
        'namespace' in o ? o.namespace : 'shop-staging',
      ),
    },
    providers: ObservabilityProviders.fromConfig(
      new ConfigReader({ stagecraft: { observability } }),
      extensions,
    ),
    logger,
    now: () => 7_200_000,
  });
  return { service, logger, readDeployment };
}

describe('ObservabilityService', () => {
  it('asks the provider about the deployment as the catalog names it, over a bounded range', async () => {
    const metrics = { queryRange: jest.fn(async () => []) };
    const { service, readDeployment } = setup({ metrics });
    const report = await service.getMetrics(target, '1h', ctx);
    expect(readDeployment).toHaveBeenCalledWith(target, ctx);
    expect(metrics.queryRange).toHaveBeenCalledWith(
      {
        project: 'shop',
        component: 'checkout-api',
        environment: 'staging',
        namespace: 'shop-staging',
        target: 'local',
      } satisfies ObservabilityScope,
      { startMs: 3_600_000, endMs: 7_200_000, stepSeconds: 15 },
    );
    expect(report).toMatchObject({
      state: 'ok',
      provider: 'fake',
      stepSeconds: 15,
      start: '1970-01-01T01:00:00.000Z',
    });
    // Every metric is reported, those the provider did not answer as no-data.
    expect(report.metrics.map(m => [m.name, m.state])).toEqual([
      ['cpu', 'no-data'],
      ['memory', 'no-data'],
      ['restarts', 'no-data'],
      ['requests', 'no-data'],
      ['errors', 'no-data'],
      ['latency', 'no-data'],
    ]);
  });

  it('refuses a caller who may not read the deployment before any provider is asked', async () => {
    const metrics = { queryRange: jest.fn(async () => []) };
    const traces = { findTraces: jest.fn(async () => []) };
    const { service } = setup({ metrics, traces, denied: true });
    await expect(service.getMetrics(target, '1h', ctx)).rejects.toThrow(
      NotAllowedError,
    );
    await expect(
      service.getTraces(
        target,
        { limit: 5, errorsOnly: true, lookback: '1h' },
        ctx,
      ),
    ).rejects.toThrow(NotAllowedError);
    expect(metrics.queryRange).not.toHaveBeenCalled();
    expect(traces.findTraces).not.toHaveBeenCalled();
  });

  it('answers not-configured, never an error, without a provider', async () => {
    const { service } = setup({});
    await expect(service.getMetrics(target, '1h', ctx)).resolves.toEqual({
      ...target,
      state: 'not-configured',
      reason:
        'no metrics provider is configured (stagecraft.observability.metrics)',
      metrics: [],
    });
    await expect(
      service.getTraces(
        target,
        { limit: 5, errorsOnly: false, lookback: '1h' },
        ctx,
      ),
    ).resolves.toMatchObject({ state: 'not-configured', traces: [] });
  });

  it("answers unavailable with the provider's safe reason, or a generic one, never a foreign message", async () => {
    const safe = setup({
      metrics: {
        queryRange: async () => {
          throw new ObservabilityUnavailableError(
            'unavailable: 503 from the metrics server',
          );
        },
      },
    });
    await expect(
      safe.service.getMetrics(target, '1h', ctx),
    ).resolves.toMatchObject({
      state: 'unavailable',
      reason: 'unavailable: 503 from the metrics server',
      metrics: [],
    });
    const leaky = setup({
      traces: {
        findTraces: async () => {
          throw new Error('GET https://admin:hunter2@tempo.internal failed');
        },
      },
    });
    const report = await leaky.service.getTraces(
      target,
      { limit: 5, errorsOnly: false, lookback: '1h' },
      ctx,
    );
    expect(report).toMatchObject({
      state: 'unavailable',
      reason: 'unavailable: the traces provider "fake" failed',
    });
    expect(JSON.stringify(report)).not.toContain('hunter2');
    expect(JSON.stringify(leaky.logger.warn.mock.calls)).not.toContain(
      'hunter2',
    );
  });

  it('answers unavailable, saying the server could not be reached, when the configured servers are down', async () => {
    // A port that was free a moment ago: nothing listens there.
    const server = createServer();
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise(resolve => server.close(resolve));
    const url = `http://127.0.0.1:${port}`;
    const { service } = setup({
      config: { metrics: { url }, traces: { type: 'jaeger', url } },
    });
    await expect(service.getMetrics(target, '1h', ctx)).resolves.toEqual({
      ...target,
      state: 'unavailable',
      provider: 'prometheus',
      reason: 'unavailable: the metrics server could not be reached',
      metrics: [],
    });
    await expect(
      service.getTraces(
        target,
        { limit: 5, errorsOnly: false, lookback: '1h' },
        ctx,
      ),
    ).resolves.toMatchObject({
      state: 'unavailable',
      reason: 'unavailable: the tracing server could not be reached',
      traces: [],
    });
  });

  it('answers unavailable for a deployment not applied yet', async () => {
    const metrics = { queryRange: jest.fn(async () => []) };
    const { service } = setup({ metrics, namespace: undefined });
    await expect(service.getMetrics(target, '1h', ctx)).resolves.toMatchObject({
      state: 'unavailable',
      reason: expect.stringMatching(/not been applied yet/),
    });
    expect(metrics.queryRange).not.toHaveBeenCalled();
  });

  it('refuses unbounded ranges and limits', async () => {
    const traces = { findTraces: jest.fn(async () => []) };
    const { service } = setup({ traces });
    await expect(service.getMetrics(target, '48h' as any, ctx)).rejects.toThrow(
      /range must be one of/,
    );
    await expect(
      service.getTraces(
        target,
        { limit: 1000, errorsOnly: false, lookback: '1h' },
        ctx,
      ),
    ).rejects.toThrow('limit must be between 1 and 100');
    expect(traces.findTraces).not.toHaveBeenCalled();
  });

  it('passes the trace query on and keeps at most the limit, with ISO start times', async () => {
    const trace = {
      traceId: 'abc',
      rootOperation: 'GET /orders',
      rootService: 'checkout-api',
      startMs: 7_000_000,
      durationMs: 40,
      spanCount: 2,
      errorCount: 1,
    };
    const traces = {
      findTraces: jest.fn(async () => [trace, { ...trace, traceId: 'def' }]),
      searchUrl: () => 'http://127.0.0.1:16686/search?service=checkout-api',
    };
    const { service } = setup({ traces });
    const report = await service.getTraces(
      target,
      { limit: 1, errorsOnly: true, lookback: '15m' },
      ctx,
    );
    expect(traces.findTraces).toHaveBeenCalledWith(expect.anything(), {
      limit: 1,
      errorsOnly: true,
      lookbackMs: 900_000,
      endMs: 7_200_000,
    });
    expect(report.traces).toEqual([
      {
        traceId: 'abc',
        rootOperation: 'GET /orders',
        rootService: 'checkout-api',
        startTime: '1970-01-01T01:56:40.000Z',
        durationMs: 40,
        spanCount: 2,
        errorCount: 1,
      },
    ]);
    expect(report.searchUrl).toBe(
      'http://127.0.0.1:16686/search?service=checkout-api',
    );
  });
});
