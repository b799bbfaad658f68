import type { ActionContext } from '../actions/types';
import type {
  DeploymentUsage,
  MetricsReport,
  TracesReport,
} from '../observability/types';
import { DEFAULT_THRESHOLDS } from './costConfig';
import { CostService } from './CostService';
import { ObservedTraffic, TRACES_COUNTED } from './observedTraffic';
import { recommendationsFor } from './recommendations';
import type { CostInput } from './types';

// The idle rule: negligible CPU AND no traffic → idle; traffic → not idle, whatever the CPU;
// without a traffic signal CPU alone decides, and the evidence says which signals were used.

const rates = { cpuHour: 40_000n, memoryGiBHour: 5_000n };
const MIB = 1024 ** 2;
const quiet: CostInput = {
  componentRef: 'component:default/storefront-web',
  environment: 'dev',
  project: 'storefront',
  podCount: 1,
  requests: { cpuMillicores: 50, memoryBytes: 64 * MIB },
  requestsFrom: 'pods',
  usage: { cpuMillicores: 1, memoryBytes: 40 * MIB },
};
const recommend = (traffic?: ObservedTraffic, over: Partial<CostInput> = {}) =>
  recommendationsFor({ ...quiet, traffic, ...over }, rates, DEFAULT_THRESHOLDS);

describe('the idle rule with traffic signals', () => {
  it('no requests in the request metrics and negligible CPU: idle, naming both signals', () => {
    const [r] = recommend({ peakRequestsPerSecond: 0, traces: 0, missing: [] });
    expect(r.kind).toBe('idle');
    expect(r.evidence).toBe(
      '1 pod(s) use 1m CPU and 40.0 MiB; they request 50m CPU and 64.0 MiB (idle at or below 2m CPU); request metrics: no requests in the last hour; traces: none in the last hour',
    );
  });

  it('requests in the request metrics: not idle, whatever the CPU', () => {
    const recommendations = recommend({
      peakRequestsPerSecond: 0.25,
      missing: ['traces: not-configured'],
    });
    expect(recommendations.map(r => r.kind)).toEqual(['over-provisioned']);
    expect(recommendations[0].evidence).toMatch(
      /; not idle: request metrics: up to 0\.25 requests\/s in the last hour$/,
    );
  });

  it('traces in the last hour: not idle, even without request metrics', () => {
    const recommendations = recommend({
      traces: 4,
      missing: [
        'request metrics: the metrics server has no samples for this component',
      ],
    });
    expect(recommendations.map(r => r.kind)).not.toContain('idle');
    expect(recommendations[0].evidence).toMatch(
      /not idle: traces: 4 in the last hour$/,
    );
    expect(
      recommend({ traces: TRACES_COUNTED, missing: [] })[0].evidence,
    ).toMatch(/traces: 20 or more in the last hour/);
  });

  it('no traffic signal at all: idle by CPU alone, and it says so with the reasons', () => {
    const [r] = recommend({
      missing: ['request metrics: not-configured', 'traces: not-configured'],
    });
    expect(r.kind).toBe('idle');
    expect(r.evidence).toMatch(
      /; no traffic signal \(request metrics: not-configured; traces: not-configured\): judged by CPU alone$/,
    );
  });

  it('no traces but no request metrics either is no evidence of no traffic: CPU alone decides', () => {
    const [r] = recommend({
      traces: 0,
      missing: ['request metrics: the metrics provider does not report it'],
    });
    expect(r.kind).toBe('idle');
    expect(r.evidence).toMatch(
      /no traffic signal \(request metrics: the metrics provider does not report it; traces: none in the last hour, which an uninstrumented component never sends anyway\): judged by CPU alone$/,
    );
  });

  it('busy CPU is never idle, traffic or not', () => {
    const kinds = recommend(
      { peakRequestsPerSecond: 0, missing: [] },
      { usage: { cpuMillicores: 20, memoryBytes: 40 * MIB } },
    ).map(r => r.kind);
    expect(kinds).not.toContain('idle');
  });
});

describe('CostService reads traffic for the deployments whose CPU looks idle', () => {
  const ctx = { credentials: {} } as ActionContext;
  const WEB = 'component:default/storefront-web';
  const API = 'component:default/checkout-api';
  const usage = (componentRef: string, cpuMillicores: number) =>
    ({
      componentRef,
      environment: 'dev',
      available: true,
      pods: [{ name: 'p0' }],
      totals: {
        requests: { cpuMillicores: 50, memoryBytes: 64 * MIB },
        limits: {},
        usage: { cpuMillicores, memoryBytes: 40 * MIB },
      },
    } as unknown as DeploymentUsage);
  const metrics = (peak: number): MetricsReport => ({
    componentRef: WEB,
    environment: 'dev',
    state: 'ok',
    metrics: [
      {
        name: 'requests',
        title: 'Request rate',
        unit: 'requests-per-second',
        state: 'ok',
        series: [
          {
            points: [
              { t: 1, v: 0 },
              { t: 2, v: peak },
            ],
          },
        ],
      },
    ],
  });

  function service(o: { peak: number; traces: number; failTraces?: boolean }) {
    const asked: string[] = [];
    const svc = new CostService({
      allDeployments: async () =>
        [WEB, API].map(
          componentRef =>
            ({
              componentRef,
              environment: 'dev',
              desiredState: 'deployed',
            } as any),
        ),
      deployments: {
        listEnvironmentDeployments: async () =>
          [WEB, API].map(
            componentRef =>
              ({
                componentRef,
                environment: 'dev',
                desiredState: 'deployed',
              } as any),
          ),
      },
      observability: {
        // checkout-api is busy (30m), storefront-web quiet (1m).
        getUsage: async key =>
          usage(key.componentRef, key.componentRef === API ? 30 : 1),
        getMetrics: async (key, range) => {
          asked.push(`metrics ${key.componentRef} ${range}`);
          return metrics(o.peak);
        },
        getTraces: async (key, request) => {
          asked.push(`traces ${key.componentRef} ${request.lookback}`);
          if (o.failTraces) throw new Error('jaeger did not answer');
          return {
            componentRef: key.componentRef,
            environment: 'dev',
            state: 'ok',
            traces: Array.from({ length: o.traces }, () => ({})),
          } as TracesReport;
        },
      },
      catalog: async () => ({ get: () => undefined }),
      settings: {
        currency: 'USD',
        ratesFor: () => rates,
        thresholds: DEFAULT_THRESHOLDS,
      },
    });
    return { svc, asked };
  }

  it('asks only about the quiet one, over the last hour, and does not call it idle when it serves requests', async () => {
    const { svc, asked } = service({ peak: 3, traces: 0 });
    const { recommendations } = await svc.getRecommendations({}, ctx);
    expect(asked.sort()).toEqual([`metrics ${WEB} 1h`, `traces ${WEB} 1h`]);
    expect(recommendations.find(r => r.kind === 'idle')).toBeUndefined();
  });

  it('calls it idle when the request metrics saw none; a tracing failure does not fail the answer', async () => {
    const { svc } = service({ peak: 0, traces: 0, failTraces: true });
    const { recommendations } = await svc.getRecommendations({}, ctx);
    const idle = recommendations.find(r => r.kind === 'idle')!;
    expect(idle.componentRef).toBe(WEB);
    expect(idle.evidence).toMatch(
      /; request metrics: no requests in the last hour$/,
    );
  });
});
