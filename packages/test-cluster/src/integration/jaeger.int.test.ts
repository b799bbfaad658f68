import { randomBytes } from 'node:crypto';
import { waitFor } from '../control-plane/waitFor';
import { describeWithTelemetry, testTelemetry } from '../jest';
import { emitTraces, TracedComponent } from '../telemetry/traceGenerator';

/** Jaeger's query API (`/api/traces`), the parts checked here. */
interface JaegerTraces {
  data: {
    traceID: string;
    spans: {
      spanID: string;
      processID: string;
      tags: { key: string; value: unknown }[];
    }[];
    processes: Record<
      string,
      { serviceName: string; tags: { key: string; value: unknown }[] }
    >;
  }[];
}

async function findTraces(
  service: string,
  tags: Record<string, string> = {},
): Promise<JaegerTraces['data']> {
  const url = new URL('/api/traces', testTelemetry().tracesUrl);
  url.searchParams.set('service', service);
  url.searchParams.set('lookback', '1h');
  url.searchParams.set('limit', '100');
  if (Object.keys(tags).length)
    url.searchParams.set('tags', JSON.stringify(tags));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return ((await response.json()) as JaegerTraces).data ?? [];
}

describeWithTelemetry(
  'Jaeger receiving the harness traces over OTLP/HTTP',
  () => {
    // A service name of its own per run: Jaeger keeps every trace of the run in memory.
    const name = `checkout-${randomBytes(3).toString('hex')}`;
    const dev: TracedComponent = {
      name,
      project: 'payments',
      environment: 'dev',
    };
    const staging: TracedComponent = { ...dev, environment: 'staging' };
    const otherProject: TracedComponent = { ...dev, project: 'storefront' };
    const auth: TracedComponent = {
      name: `auth-${name}`,
      project: 'identity',
      environment: 'dev',
    };

    it('returns the traces of a component in one environment of one project, with their resource attributes', async () => {
      const { otlpHttpUrl } = testTelemetry();
      const emitted = await emitTraces(otlpHttpUrl, dev, {
        traces: 4,
        errorEvery: 2,
        downstream: auth,
      });
      await emitTraces(otlpHttpUrl, staging, { traces: 3 });
      await emitTraces(otlpHttpUrl, otherProject, { traces: 2 });

      const scope = {
        'service.namespace': 'payments',
        'deployment.environment.name': 'dev',
      };
      const traces = await waitFor(
        `${name}'s dev traces`,
        async () => {
          const found = await findTraces(name, scope);
          return found.length === 4 && found;
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      expect(traces.map(t => t.traceID).sort()).toEqual(
        [...emitted.traceIds].sort(),
      );

      const trace = traces[0];
      const processes = Object.values(trace.processes);
      // The call into auth is part of the same trace, under auth's own resource.
      expect(processes.map(p => p.serviceName).sort()).toEqual(
        [`auth-${name}`, name].sort(),
      );
      const own = processes.find(p => p.serviceName === name)!;
      expect(
        Object.fromEntries(own.tags.map(t => [t.key, t.value])),
      ).toMatchObject({
        'service.namespace': 'payments',
        'deployment.environment.name': 'dev',
        'k8s.namespace.name': 'payments-dev',
      });

      // All of the service's traces: dev (4), staging (3) and the other project's (2).
      expect(await findTraces(name)).toHaveLength(9);
    });

    it('marks the spans of error traces with the error tag', async () => {
      const emitted = await emitTraces(
        testTelemetry().otlpHttpUrl,
        { ...dev, environment: 'qa' },
        { traces: 6, errorEvery: 3 },
      );
      const traces = await waitFor(
        'the qa traces',
        async () => {
          const found = await findTraces(name, {
            'deployment.environment.name': 'qa',
          });
          return found.length === 6 && found;
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
      // Classified from the spans: Jaeger 1.76's in-memory store reads the search tag
      // error=true (a string in the query API) as false and returns the other traces.
      const failed = traces.filter(t =>
        t.spans.some(s =>
          s.tags.some(k => k.key === 'error' && k.value === true),
        ),
      );
      expect(failed.map(t => t.traceID).sort()).toEqual(
        [...emitted.errorTraceIds].sort(),
      );
    });
  },
);
