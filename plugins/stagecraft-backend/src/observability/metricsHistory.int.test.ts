import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { describeWithTelemetry, testTelemetry } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import type { ReadableDeployment } from '../actions/types';
import { eventually } from '../__testUtils__/eventually';
import { builtInObservabilityProviders } from './builtInProviders';
import { ObservabilityService } from './ObservabilityService';
import { ObservabilityProviders } from './providerConfig';

const MiB = 2 ** 20;
const SCRAPE_SECONDS = 10;
const ctx = { credentials: mockCredentials.user('user:default/ann') };

/**
 * The acceptance "the Metrics view shows an hour of history after the cluster has run a
 * while", without waiting an hour: an hour of samples, as VictoriaMetrics' scrape of kwok
 * stores them, is written into the test cluster's VictoriaMetrics with past timestamps, and
 * the Metrics view's request (range 1h) must return all of it, oldest sample included.
 */
describeWithTelemetry('an hour of metrics history', () => {
  const project = `h${randomBytes(3).toString('hex')}`;
  const namespace = `${project}-dev`;
  const pod = 'api-5c8d7f9b4-q2x7z';
  const target = { componentRef: 'component:default/api', environment: 'dev' };

  /** Memory falls by 1 MiB a minute: 124 MiB an hour ago, 64 MiB now. */
  const memoryAt = (minutesAgo: number) => (64 + minutesAgo) * MiB;

  /** 65 minutes of scrapes, ending now, in the Prometheus text format with timestamps (ms). */
  function scrapedHour(nowMs: number): string {
    const labels = `namespace="${namespace}",pod="${pod}"`;
    const lines: string[] = [];
    for (let s = 65 * 60; s >= 0; s -= SCRAPE_SECONDS) {
      const t = nowMs - s * 1000;
      const elapsed = 65 * 60 - s;
      lines.push(
        // 50m of CPU, as the kubelet's cumulative counter.
        `container_cpu_usage_seconds_total{${labels},container="app"} ${
          0.05 * elapsed
        } ${t}`,
        `container_memory_working_set_bytes{${labels},container="app"} ${memoryAt(
          s / 60,
        )} ${t}`,
        `kube_pod_labels{${labels},label_stagecraft_dev_project="${project}",label_stagecraft_dev_component="api",label_stagecraft_dev_environment="dev"} 1 ${t}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }

  /** The series of scrapedHour, and the samples of each. */
  const SERIES = 3;
  const SAMPLES = (65 * 60) / SCRAPE_SECONDS + 1;

  /** How many samples of this test's namespace VictoriaMetrics has stored, read raw. */
  async function importedSamples(metricsUrl: string): Promise<number> {
    const url = new URL(`${metricsUrl}/api/v1/export`);
    url.searchParams.set('match[]', `{namespace="${namespace}"}`);
    const text = await (await fetch(url)).text();
    return text
      .split('\n')
      .filter(line => line.trim() !== '')
      .reduce(
        (sum, line) =>
          sum + (JSON.parse(line) as { values: unknown[] }).values.length,
        0,
      );
  }

  it('returns the last hour of CPU and memory for the Metrics view, from its oldest sample on', async () => {
    const { metricsUrl } = testTelemetry();
    const imported = await fetch(`${metricsUrl}/api/v1/import/prometheus`, {
      method: 'POST',
      body: scrapedHour(Date.now()),
    });
    expect(imported.status).toBe(204);

    const service = new ObservabilityService({
      // The catalog lookup is not what is tested here: the component `api` of `project`,
      // applied to `namespace`. The metrics path (provider, query, range, step) is real.
      deployments: {
        readDeployment: async () =>
          ({
            deployment: { ...target, releaseId: 'r1' },
            component: {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'api', namespace: 'default' },
              spec: { system: project },
            },
            catalog: {},
            targetName: 'local',
          } as unknown as ReadableDeployment),
        listEnvironmentDeployments: jest.fn(),
      },
      runtime: { locate: jest.fn(), namespaceOf: async () => namespace },
      providers: ObservabilityProviders.fromConfig(
        new ConfigReader({
          stagecraft: { observability: { metrics: { url: metricsUrl } } },
        }),
        builtInObservabilityProviders(),
      ),
      logger: mockServices.logger.mock(),
    });

    const seriesOf = (
      report: Awaited<ReturnType<typeof service.getMetrics>>,
      name: string,
    ) =>
      report.metrics.find(m => m.name === name)?.series.find(s => s.pod === pod)
        ?.points ?? [];
    // Imported samples become searchable within seconds, not all at once. The Metrics view's
    // query is asked only once they all are: VictoriaMetrics keeps a range query's answer for
    // all but its last 5 minutes, so a query that saw part of the import would go on seeing
    // that part (a CI run of a84fedb read 202 points of 241). Its export API reads the raw samples.
    await eventually(
      () => importedSamples(metricsUrl),
      count => count === SERIES * SAMPLES,
      `the ${SERIES * SAMPLES} imported samples`,
      30_000,
    );
    const report = await service.getMetrics(target, '1h', ctx);
    expect(report.state).toBe('ok');

    const startMs = Date.parse(report.start!);
    const endMs = Date.parse(report.end!);
    expect(endMs - startMs).toBe(60 * 60_000);
    expect(report.stepSeconds).toBe(15);
    const memory = seriesOf(report, 'memory');
    // A point every 15 s over the hour: 241, less the newest the server may not have yet.
    expect(memory.length).toBeGreaterThanOrEqual(238);
    expect(memory[0].t - startMs).toBeLessThan(15_000);
    // The oldest point carries the value of an hour ago, not a recent one.
    expect(Math.abs(memory[0].v - memoryAt(60))).toBeLessThanOrEqual(MiB);
    expect(
      Math.abs(memory[memory.length - 1].v - memoryAt(0)),
    ).toBeLessThanOrEqual(MiB);

    const cpu = seriesOf(report, 'cpu');
    expect(cpu.length).toBeGreaterThanOrEqual(238);
    expect(cpu[0].t - startMs).toBeLessThan(15_000);
    for (const point of cpu) expect(Math.abs(point.v - 50)).toBeLessThan(1);
  }, 60_000);
});
