import { ConfigReader } from '@backstage/config';
import { ObservabilityUnavailableError } from '@stagecraft/plugin-stagecraft-node';
import { localServer, sendJson } from './__testUtils__/localServer';
import { PrometheusMetricsProvider } from './PrometheusMetricsProvider';

const scope = {
  project: 'shop',
  component: 'checkout-api',
  environment: 'staging',
  namespace: 'shop-staging',
};
const range = { startMs: 1_000_000, endMs: 1_060_000, stepSeconds: 15 };

function matrix(result: object[]) {
  return { status: 'success', data: { resultType: 'matrix', result } };
}

describe('PrometheusMetricsProvider', () => {
  let server: Awaited<ReturnType<typeof localServer>> | undefined;
  afterEach(() => server?.close());

  it('asks query_range with the scoped query and bounded step, and converts units', async () => {
    server = await localServer((url, _req, res) => {
      const query = url.searchParams.get('query') ?? '';
      if (query.includes('container_cpu_usage_seconds_total'))
        return sendJson(
          res,
          200,
          matrix([
            { metric: { pod: 'checkout-api-1' }, values: [[1000, '0.25']] },
          ]),
        );
      if (query.includes('container_memory_working_set_bytes'))
        return sendJson(
          res,
          200,
          matrix([
            { metric: { pod: 'checkout-api-1' }, values: [[1000, '1024']] },
          ]),
        );
      return sendJson(res, 200, matrix([]));
    });
    const provider = new PrometheusMetricsProvider({
      url: `${server.url}/prom/`,
      headers: { authorization: 'Bearer t0ken' },
    });
    const results = await provider.queryRange(scope, range);
    const byName = Object.fromEntries(results.map(r => [r.name, r]));
    expect(byName.cpu).toEqual({
      name: 'cpu',
      state: 'ok',
      series: [{ pod: 'checkout-api-1', points: [{ t: 1_000_000, v: 250 }] }],
    });
    expect(byName.memory.series[0].points).toEqual([{ t: 1_000_000, v: 1024 }]);
    expect(byName.requests).toMatchObject({ state: 'no-data', series: [] });
    // Nothing found is said without blaming the server: what the default query reads.
    expect(byName.restarts.reason).toMatch(
      /^no restart counter for this component's pods: the default query reads kube_pod_container_status_restarts_total/,
    );
    expect(byName.latency.reason).toBe(
      'the component exports no HTTP server metrics: the default query reads http_server_request_duration_seconds (OpenTelemetry)',
    );
    const sent = server.requests[0];
    expect(sent.pathname).toBe('/prom/api/v1/query_range');
    expect(sent.searchParams.get('step')).toBe('15s');
    expect(sent.searchParams.get('start')).toBe('1000');
    expect(sent.searchParams.get('end')).toBe('1060');
    expect(server.headers[0].authorization).toBe('Bearer t0ken');
  });

  it('never relays the server error body: the reason names the status only', async () => {
    server = await localServer((_url, _req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('overloaded; your token Bearer t0ken for tenant acme');
    });
    const provider = new PrometheusMetricsProvider({
      url: server.url,
      headers: { authorization: 'Bearer t0ken' },
    });
    const failure = await provider.queryRange(scope, range).catch(e => e);
    expect(failure).toBeInstanceOf(ObservabilityUnavailableError);
    expect(failure.message).toBe('unavailable: 503 from the metrics server');
  });

  it('reports one failing query as that metric unavailable, the others answered', async () => {
    server = await localServer((url, _req, res) =>
      url.searchParams.get('query')?.includes('histogram_quantile')
        ? sendJson(res, 422, { status: 'error', error: 'parse error at x' })
        : sendJson(res, 200, matrix([])),
    );
    const results = await new PrometheusMetricsProvider({
      url: server.url,
    }).queryRange(scope, range);
    expect(results.find(r => r.name === 'latency')).toEqual({
      name: 'latency',
      state: 'unavailable',
      reason: 'unavailable: 422 from the metrics server',
      series: [],
    });
    expect(results.find(r => r.name === 'cpu')?.state).toBe('no-data');
  });

  it('gives up on a server that does not answer in time', async () => {
    server = await localServer(() => undefined);
    const failure = await new PrometheusMetricsProvider({
      url: server.url,
      timeoutMs: 100,
    })
      .queryRange(scope, range)
      .catch(e => e);
    expect(failure.message).toBe(
      'unavailable: the metrics server did not answer within 0.1 s',
    );
  });

  it('asks the query app-config sets for a metric, filled for the scope, and the defaults for the rest', async () => {
    server = await localServer((_url, _req, res) =>
      sendJson(res, 200, matrix([])),
    );
    const provider = PrometheusMetricsProvider.fromConfig(
      new ConfigReader({
        url: server.url,
        queries: {
          memory:
            'sum by (pod) (process_resident_memory_bytes{k8s_namespace="{namespace}", service="{component}", env="{environment}"})',
        },
      }),
    );
    const results = await provider.queryRange(scope, range);
    const sent = server.requests.map(r => r.searchParams.get('query') ?? '');
    expect(sent).toContain(
      'sum by (pod) (process_resident_memory_bytes{k8s_namespace="shop-staging", service="checkout-api", env="staging"})',
    );
    expect(
      sent.some(q => q.includes('container_memory_working_set_bytes')),
    ).toBe(false);
    expect(results.find(r => r.name === 'memory')?.reason).toBe(
      "the configured query found no samples of this component's pods",
    );
    // cpu and the others keep their default.
    expect(
      sent.filter(q => q.includes('container_cpu_usage_seconds_total')),
    ).toHaveLength(1);
    expect(sent).toHaveLength(6);
  });

  it('refuses a configured query that does not name the component', () => {
    expect(
      () =>
        new PrometheusMetricsProvider({
          url: 'http://127.0.0.1:1',
          queries: { cpu: 'sum(rate(container_cpu_usage_seconds_total[1m]))' },
        }),
    ).toThrow(/query "cpu" does not use \{component\}/);
  });
});
