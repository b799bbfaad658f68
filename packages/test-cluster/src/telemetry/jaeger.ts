import { stringify } from 'yaml';

/**
 * Jaeger v2 (an OpenTelemetry Collector distribution) with in-memory storage, an OTLP/HTTP
 * receiver and the query API and UI, each on its own loopback port; none of the default
 * listeners (gRPC receivers, Zipkin, sampling, its own Prometheus endpoint) is opened.
 */
export function jaegerConfigYaml(o: {
  otlpHttpPort: number;
  queryHttpPort: number;
  queryGrpcPort: number;
}): string {
  return stringify({
    service: {
      extensions: ['jaeger_storage', 'jaeger_query'],
      pipelines: {
        traces: {
          receivers: ['otlp'],
          exporters: ['jaeger_storage_exporter'],
        },
      },
      telemetry: {
        resource: { 'service.name': 'jaeger' },
        metrics: { level: 'none' },
        logs: { level: 'warn' },
      },
    },
    extensions: {
      jaeger_storage: {
        backends: { memstore: { memory: { max_traces: 100_000 } } },
      },
      jaeger_query: {
        storage: { traces: 'memstore' },
        enable_tracing: false,
        http: { endpoint: `127.0.0.1:${o.queryHttpPort}` },
        grpc: { endpoint: `127.0.0.1:${o.queryGrpcPort}` },
      },
    },
    receivers: {
      otlp: {
        protocols: { http: { endpoint: `127.0.0.1:${o.otlpHttpPort}` } },
      },
    },
    exporters: {
      jaeger_storage_exporter: { trace_storage: 'memstore' },
    },
  });
}

export function jaegerArgs(configFile: string): string[] {
  return [`--config=${configFile}`];
}
