import type {
  DeploymentUsage,
  MetricReport,
  MetricsReport,
  PodUsage,
  TraceSummary,
  TracesReport,
} from '@stagecraft/plugin-stagecraft-common';

export { deployment } from '../../Deploy/__testUtils__/deployFixtures';

export const COMPONENT_REF = 'component:default/checkout-api';
const MiB = 1024 * 1024;

/** A pod asking 250m/128 MiB, limited to 500m/256 MiB, using what is given. */
export function pod(
  name: string,
  usage?: { cpuMillicores: number; memoryBytes: number },
): PodUsage {
  const requests = { cpuMillicores: 250, memoryBytes: 128 * MiB };
  const limits = { cpuMillicores: 500, memoryBytes: 256 * MiB };
  return {
    name,
    namespace: 'payments-dev',
    phase: 'Running',
    usage,
    requests,
    limits,
    containers: [{ name: 'app', usage, requests, limits }],
  };
}

/** Usage of two pods: one within its request, one near its CPU limit. */
export function deploymentUsage(
  overrides: Partial<DeploymentUsage> = {},
): DeploymentUsage {
  const pods = [
    pod('checkout-api-6d9f-a', { cpuMillicores: 120, memoryBytes: 100 * MiB }),
    pod('checkout-api-6d9f-b', { cpuMillicores: 470, memoryBytes: 90 * MiB }),
  ];
  return {
    componentRef: COMPONENT_REF,
    environment: 'dev',
    available: true,
    source: 'metrics-api',
    pods,
    totals: {
      usage: { cpuMillicores: 590, memoryBytes: 190 * MiB },
      requests: { cpuMillicores: 500, memoryBytes: 256 * MiB },
      limits: { cpuMillicores: 1000, memoryBytes: 512 * MiB },
    },
    ...overrides,
  };
}

const T0 = Date.parse('2026-11-30T12:00:00Z');

/** A metric with one series per given pod: values 10, 20, 30 … a minute apart. */
export function metric(
  name: MetricReport['name'],
  overrides: Partial<MetricReport> = {},
  pods = ['checkout-api-6d9f-a'],
): MetricReport {
  const titles: Record<MetricReport['name'], [string, MetricReport['unit']]> = {
    cpu: ['CPU', 'millicores'],
    memory: ['Memory', 'bytes'],
    restarts: ['Restarts', 'count'],
    requests: ['Request rate', 'requests-per-second'],
    errors: ['Error rate', 'errors-per-second'],
    latency: ['Latency (p95)', 'seconds'],
  };
  return {
    name,
    title: titles[name][0],
    unit: titles[name][1],
    state: 'ok',
    series: pods.map(p => ({
      pod: p,
      points: [1, 2, 3].map(i => ({ t: T0 + i * 60_000, v: i * 10 })),
    })),
    ...overrides,
  };
}

export function metricsReport(
  overrides: Partial<MetricsReport> = {},
): MetricsReport {
  return {
    componentRef: COMPONENT_REF,
    environment: 'dev',
    state: 'ok',
    provider: 'prometheus',
    start: new Date(T0).toISOString(),
    end: new Date(T0 + 3_600_000).toISOString(),
    stepSeconds: 15,
    metrics: [metric('cpu'), metric('memory'), metric('restarts')],
    ...overrides,
  };
}

export function trace(overrides: Partial<TraceSummary> = {}): TraceSummary {
  return {
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    rootOperation: 'POST /payments',
    rootService: 'checkout-api',
    startTime: new Date(Date.now() - 2 * 60_000).toISOString(),
    durationMs: 342.7,
    spanCount: 3,
    errorCount: 0,
    url: 'http://127.0.0.1:16686/trace/4bf92f3577b34da6a3ce929d0e0e4736',
    ...overrides,
  };
}

export function tracesReport(
  overrides: Partial<TracesReport> = {},
): TracesReport {
  return {
    componentRef: COMPONENT_REF,
    environment: 'dev',
    state: 'ok',
    provider: 'jaeger',
    searchUrl: 'http://127.0.0.1:16686/search?service=checkout-api',
    traces: [
      trace(),
      trace({
        traceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
        rootOperation: 'GET /cart',
        durationMs: 1520,
        spanCount: 5,
        errorCount: 2,
        url: 'http://127.0.0.1:16686/trace/a1b2c3d4e5f60718293a4b5c6d7e8f90',
      }),
    ],
    ...overrides,
  };
}
