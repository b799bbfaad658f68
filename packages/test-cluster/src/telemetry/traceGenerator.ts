import { randomBytes } from 'node:crypto';

/**
 * A component as its telemetry names it: the OpenTelemetry resource attributes a workload
 * deployed by Stagecraft would set (`service.name`, `service.namespace`,
 * `deployment.environment.name`, `k8s.namespace.name`).
 */
export interface TracedComponent {
  /** `service.name`: the component. */
  name: string;
  /** `service.namespace`: the Stagecraft project. */
  project: string;
  /** `deployment.environment.name`. */
  environment: string;
  /** `k8s.namespace.name`; defaults to `<project>-<environment>`, as Stagecraft names it. */
  namespace?: string;
}

/** Options of {@link emitTraces}. */
export interface EmitTracesOptions {
  /** How many traces. Default 5. */
  traces?: number;
  /** Every n-th trace (1-based) fails with an HTTP 500. Default 0: none. */
  errorEvery?: number;
  /** A component the root span calls, whose span gets its own resource. */
  downstream?: TracedComponent;
  /** When the first trace starts, in ms since the epoch. Default: a second ago. */
  startMs?: number;
  /** Root span names, used in turn. */
  operations?: string[];
}

/** What {@link emitTraces} sent, to look it up again. */
export interface EmittedTraces {
  traceIds: string[];
  /** The traces whose root span has status ERROR. */
  errorTraceIds: string[];
}

const SPAN_KIND_SERVER = 2;
const SPAN_KIND_CLIENT = 3;
const STATUS_OK = 1;
const STATUS_ERROR = 2;

/**
 * Sends traces of `component` to an OTLP/HTTP receiver (`<otlpHttpUrl>/v1/traces`, JSON
 * encoding): per trace a server span, a client span under it and, with `downstream`, that
 * component's server span, each resource carrying the standard attributes.
 */
export async function emitTraces(
  otlpHttpUrl: string,
  component: TracedComponent,
  options: EmitTracesOptions = {},
): Promise<EmittedTraces> {
  const url = loopbackUrl(`${otlpHttpUrl.replace(/\/$/, '')}/v1/traces`);
  const count = options.traces ?? 5;
  const operations = options.operations ?? ['GET /orders', 'POST /checkout'];
  const startMs = options.startMs ?? Date.now() - 1000;
  const emitted: EmittedTraces = { traceIds: [], errorTraceIds: [] };
  const upstreamSpans: object[] = [];
  const downstreamSpans: object[] = [];
  for (let i = 0; i < count; i++) {
    const failed = !!options.errorEvery && (i + 1) % options.errorEvery === 0;
    const traceId = randomBytes(16).toString('hex');
    const start = startMs + i * 10;
    const root = randomBytes(8).toString('hex');
    const client = randomBytes(8).toString('hex');
    const operation = operations[i % operations.length];
    upstreamSpans.push(
      span(traceId, root, '', operation, SPAN_KIND_SERVER, start, 40, failed, {
        'http.request.method': operation.split(' ')[0],
        'http.route': operation.split(' ')[1] ?? '/',
        'http.response.status_code': failed ? 500 : 200,
      }),
      span(
        traceId,
        client,
        root,
        `call ${options.downstream?.name ?? 'database'}`,
        SPAN_KIND_CLIENT,
        start + 5,
        25,
        failed,
        {},
      ),
    );
    if (options.downstream) {
      downstreamSpans.push(
        span(
          traceId,
          randomBytes(8).toString('hex'),
          client,
          'handle request',
          SPAN_KIND_SERVER,
          start + 8,
          15,
          failed,
          {},
        ),
      );
    }
    emitted.traceIds.push(traceId);
    if (failed) emitted.errorTraceIds.push(traceId);
  }
  const resourceSpans = [resourceSpansOf(component, upstreamSpans)];
  if (options.downstream) {
    resourceSpans.push(resourceSpansOf(options.downstream, downstreamSpans));
  }
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ resourceSpans }),
  });
  if (!response.ok) {
    throw new Error(
      `OTLP export to ${url} answered ${
        response.status
      }: ${await response.text()}`,
    );
  }
  return emitted;
}

/** The test harness sends telemetry to this machine only. */
function loopbackUrl(raw: string): string {
  const host = new URL(raw).hostname;
  if (
    !/^127\.\d+\.\d+\.\d+$/.test(host) &&
    host !== 'localhost' &&
    host !== '[::1]'
  ) {
    throw new Error(
      `refusing to send traces to ${host}: only loopback receivers are allowed`,
    );
  }
  return raw;
}

function resourceSpansOf(component: TracedComponent, spans: object[]) {
  const namespace =
    component.namespace ?? `${component.project}-${component.environment}`;
  return {
    resource: {
      attributes: attributes({
        'service.name': component.name,
        'service.namespace': component.project,
        'deployment.environment.name': component.environment,
        'k8s.namespace.name': namespace,
      }),
    },
    scopeSpans: [
      { scope: { name: '@stagecraft/test-cluster', version: '1' }, spans },
    ],
  };
}

function span(
  traceId: string,
  spanId: string,
  parentSpanId: string,
  name: string,
  kind: number,
  startMs: number,
  durationMs: number,
  failed: boolean,
  attrs: Record<string, string | number>,
) {
  return {
    traceId,
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    name,
    kind,
    startTimeUnixNano: `${BigInt(startMs) * 1_000_000n}`,
    endTimeUnixNano: `${BigInt(startMs + durationMs) * 1_000_000n}`,
    attributes: attributes(attrs),
    status: failed
      ? { code: STATUS_ERROR, message: 'upstream answered 500' }
      : { code: STATUS_OK },
  };
}

/** OTLP/JSON key-value attributes; integers travel as strings (int64). */
function attributes(values: Record<string, string | number>) {
  return Object.entries(values).map(([key, value]) => ({
    key,
    value:
      typeof value === 'number'
        ? { intValue: String(value) }
        : { stringValue: value },
  }));
}
