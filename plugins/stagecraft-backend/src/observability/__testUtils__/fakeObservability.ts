import type {
  DeploymentUsage,
  MetricsReport,
  ObservabilityActions,
  TracesReport,
} from '../types';

const KEY = {
  componentRef: 'component:default/checkout-api',
  environment: 'staging',
};

export const fakeUsage: DeploymentUsage = {
  ...KEY,
  available: true,
  source: 'metrics-api',
  pods: [
    {
      name: 'checkout-api-7d9f8c6b5-x2x4l',
      namespace: 'shop-staging',
      phase: 'Running',
      usage: { cpuMillicores: 250, memoryBytes: 134217728 },
      requests: { cpuMillicores: 100, memoryBytes: 67108864 },
      limits: { cpuMillicores: 1000, memoryBytes: 536870912 },
      containers: [
        {
          name: 'main',
          usage: { cpuMillicores: 250, memoryBytes: 134217728 },
          requests: { cpuMillicores: 100, memoryBytes: 67108864 },
          limits: { cpuMillicores: 1000, memoryBytes: 536870912 },
        },
      ],
    },
  ],
  totals: {
    usage: { cpuMillicores: 250, memoryBytes: 134217728 },
    requests: { cpuMillicores: 100, memoryBytes: 67108864 },
    limits: { cpuMillicores: 1000, memoryBytes: 536870912 },
  },
};

export const fakeMetrics: MetricsReport = {
  ...KEY,
  state: 'ok',
  provider: 'prometheus',
  start: '2026-01-02T02:00:00.000Z',
  end: '2026-01-02T03:00:00.000Z',
  stepSeconds: 15,
  metrics: [
    {
      name: 'cpu',
      title: 'CPU',
      unit: 'millicores',
      state: 'ok',
      series: [
        {
          pod: 'checkout-api-7d9f8c6b5-x2x4l',
          points: [
            { t: 1767319200000, v: 100 },
            { t: 1767319215000, v: 300 },
          ],
        },
      ],
    },
    {
      name: 'requests',
      title: 'Request rate',
      unit: 'requests-per-second',
      state: 'no-data',
      reason: 'the metrics server has no samples for this component',
      series: [],
    },
  ],
};

export const fakeTraces: TracesReport = {
  ...KEY,
  state: 'ok',
  provider: 'jaeger',
  searchUrl: 'http://127.0.0.1:16686/search?service=checkout-api',
  traces: [
    {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      rootOperation: 'POST /checkout',
      rootService: 'checkout-api',
      startTime: '2026-01-02T03:00:00.000Z',
      durationMs: 40,
      spanCount: 2,
      errorCount: 2,
      url: 'http://127.0.0.1:16686/trace/0af7651916cd43dd8448eb211c80319c',
    },
  ],
};

type Args<K extends keyof ObservabilityActions> = Parameters<
  ObservabilityActions[K]
>;

/** Observability reads answering fixed reports, recording their calls. */
export function fakeObservability(): jest.Mocked<ObservabilityActions> {
  return {
    getUsage: jest.fn(async (..._args: Args<'getUsage'>) => fakeUsage),
    getMetrics: jest.fn(async (..._args: Args<'getMetrics'>) => fakeMetrics),
    getTraces: jest.fn(async (..._args: Args<'getTraces'>) => fakeTraces),
    getEnvironmentUsage: jest.fn(
      async (...[environment]: Args<'getEnvironmentUsage'>) => ({
        environment,
        items: [],
      }),
    ),
  };
}
