import { localServer, sendJson } from './__testUtils__/localServer';
import { JaegerTracesProvider } from './JaegerTracesProvider';

const scope = {
  project: 'shop',
  component: 'checkout-api',
  environment: 'staging',
  namespace: 'shop-staging',
};
const query = {
  limit: 2,
  errorsOnly: false,
  lookbackMs: 3_600_000,
  endMs: 10_000_000,
};

const tag = (key: string, value: unknown) => ({ key, value });

/** A Jaeger trace: a server span (root) and a client span under it, µs times. */
function jaegerTrace(traceID: string, startUs: number, failed: boolean) {
  const errorTags = failed
    ? [tag('error', true), tag('otel.status_code', 'ERROR')]
    : [];
  return {
    traceID,
    spans: [
      {
        spanID: 'b',
        operationName: 'call database',
        references: [{ refType: 'CHILD_OF', spanID: 'a' }],
        startTime: startUs + 5000,
        duration: 25_000,
        tags: failed ? [tag('error', 'true')] : [],
        processID: 'p1',
      },
      {
        spanID: 'a',
        operationName: 'POST /checkout',
        references: [],
        startTime: startUs,
        duration: 40_000,
        tags: errorTags,
        processID: 'p1',
      },
    ],
    processes: { p1: { serviceName: 'checkout-api' } },
  };
}

describe('JaegerTracesProvider', () => {
  let server: Awaited<ReturnType<typeof localServer>> | undefined;
  afterEach(() => server?.close());

  it('searches the component as service within its namespace, and summarises, newest first', async () => {
    server = await localServer((_url, _req, res) =>
      sendJson(res, 200, {
        data: [
          jaegerTrace('t1', 9_000_000_000, false),
          jaegerTrace('t2', 9_500_000_000, true),
          jaegerTrace('t3', 8_000_000_000, false),
        ],
      }),
    );
    const provider = new JaegerTracesProvider({
      url: server.url,
      publicUrl: 'https://jaeger.example.com/ui',
    });
    const traces = await provider.findTraces(scope, query);
    expect(traces).toEqual([
      {
        traceId: 't2',
        rootOperation: 'POST /checkout',
        rootService: 'checkout-api',
        startMs: 9_500_000,
        durationMs: 40,
        spanCount: 2,
        errorCount: 2,
        url: 'https://jaeger.example.com/ui/trace/t2',
      },
      expect.objectContaining({ traceId: 't1', errorCount: 0 }),
    ]);
    const sent = server.requests[0];
    expect(sent.pathname).toBe('/api/traces');
    expect(sent.searchParams.get('service')).toBe('checkout-api');
    expect(JSON.parse(sent.searchParams.get('tags')!)).toEqual({
      'k8s.namespace.name': 'shop-staging',
    });
    expect(sent.searchParams.get('start')).toBe(
      String((10_000_000 - 3_600_000) * 1000),
    );
    expect(sent.searchParams.get('end')).toBe(String(10_000_000 * 1000));
    expect(sent.searchParams.get('limit')).toBe('2');
  });

  it('picks failed traces itself from a wider search, and JSON-encodes tags so a value adds none', async () => {
    server = await localServer((_url, _req, res) =>
      sendJson(res, 200, {
        data: [
          jaegerTrace('ok', 9_000_000_000, false),
          jaegerTrace('failed', 8_000_000_000, true),
        ],
      }),
    );
    const provider = new JaegerTracesProvider({ url: server.url });
    const hostile = { ...scope, namespace: 'a" "error":"false' };
    const traces = await provider.findTraces(hostile, {
      ...query,
      errorsOnly: true,
    });
    expect(traces.map(t => t.traceId)).toEqual(['failed']);
    const sent = server.requests[0].searchParams;
    expect(JSON.parse(sent.get('tags')!)).toEqual({
      'k8s.namespace.name': 'a" "error":"false',
    });
    expect(sent.get('limit')).toBe('40');
  });

  it('links the search to the UI with the same scope', () => {
    const provider = new JaegerTracesProvider({
      url: 'http://127.0.0.1:16686',
    });
    const url = new URL(provider.searchUrl(scope, query));
    expect(url.pathname).toBe('/search');
    expect(url.searchParams.get('service')).toBe('checkout-api');
    expect(url.searchParams.get('lookback')).toBe('1h');
  });

  it('reports a failing server by status, never its body', async () => {
    server = await localServer((_url, _req, res) => {
      res.writeHead(500);
      res.end('storage at 10.0.0.7:9200 refused user elastic:hunter2');
    });
    const failure = await new JaegerTracesProvider({ url: server.url })
      .findTraces(scope, query)
      .catch(e => e);
    expect(failure.message).toBe('unavailable: 500 from the tracing server');
  });
});
