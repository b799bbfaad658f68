import { emitTraces } from './traceGenerator';

describe('emitTraces', () => {
  const fetchMock = jest.fn();
  const component = {
    name: 'checkout-api',
    project: 'payments',
    environment: 'dev',
  };

  beforeEach(() => {
    fetchMock.mockReset();
    fetchMock.mockResolvedValue(new Response('{}', { status: 200 }));
    jest.spyOn(globalThis, 'fetch').mockImplementation(fetchMock);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    'http://10.0.0.1:4318',
    'http://192.0.2.1:4318',
    'http://127.0.0.1.example.com:4318',
    'http://localhost.example.com:4318',
    'http://[::ffff:10.0.0.1]:4318',
  ])(
    'refuses a receiver outside loopback, %s, before sending anything',
    async url => {
      await expect(emitTraces(url, component)).rejects.toThrow(
        /only loopback receivers are allowed/,
      );
      expect(fetchMock).not.toHaveBeenCalled();
    },
  );

  it('sends OTLP/JSON with the standard resource attributes and marks every n-th trace failed', async () => {
    const emitted = await emitTraces('http://127.0.0.1:4318/', component, {
      traces: 4,
      errorEvery: 2,
      downstream: {
        name: 'auth-service',
        project: 'identity',
        environment: 'dev',
      },
    });

    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://127.0.0.1:4318/v1/traces');
    const body = JSON.parse(init.body);
    const [own, downstream] = body.resourceSpans;
    const resource = Object.fromEntries(
      own.resource.attributes.map((a: any) => [a.key, a.value.stringValue]),
    );
    expect(resource).toEqual({
      'service.name': 'checkout-api',
      'service.namespace': 'payments',
      'deployment.environment.name': 'dev',
      'k8s.namespace.name': 'payments-dev',
    });
    expect(downstream.resource.attributes[0].value.stringValue).toBe(
      'auth-service',
    );

    const spans = own.scopeSpans[0].spans;
    expect(spans).toHaveLength(8);
    expect(emitted.traceIds).toHaveLength(4);
    expect(emitted.errorTraceIds).toEqual([
      emitted.traceIds[1],
      emitted.traceIds[3],
    ]);
    const failedRoots = spans.filter(
      (s: any) => !s.parentSpanId && s.status.code === 2,
    );
    expect(failedRoots.map((s: any) => s.traceId)).toEqual(
      emitted.errorTraceIds,
    );
    // The callee's span hangs under the caller's client span of the same trace.
    const clientSpanIds = new Set(
      spans.filter((s: any) => s.kind === 3).map((s: any) => s.spanId),
    );
    for (const span of downstream.scopeSpans[0].spans) {
      expect(clientSpanIds.has(span.parentSpanId)).toBe(true);
    }
  });
});
