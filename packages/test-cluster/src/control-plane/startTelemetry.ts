import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { jaegerArgs, jaegerConfigYaml } from '../telemetry/jaeger';
import {
  metricsApiAvailable,
  metricsServerArgs,
  registerMetricsApi,
} from '../telemetry/metricsServer';
import {
  scrapeConfigYaml,
  victoriaMetricsArgs,
} from '../telemetry/victoriaMetrics';
import { certificatePaths } from './certificates';
import { freePort } from './freePort';
import { ClusterAccess, toKubeConfig } from './kubeconfig';
import { ProcessSupervisor } from './ProcessSupervisor';
import { fakeNodeName } from './startControllers';
import { crashedComponent } from './startLocalCluster';
import { TelemetryBinaries } from './telemetryBinaries';
import { waitFor } from './waitFor';

/** Where the local cluster's telemetry servers answer; every URL is on 127.0.0.1. */
export interface TelemetryEndpoints {
  /** Prometheus HTTP API (VictoriaMetrics): `/api/v1/query`, `/api/v1/query_range`, `/api/v1/series`. */
  metricsUrl: string;
  /** Jaeger's query API and UI: `/api/services`, `/api/traces`, `/api/v3/traces`, `/trace/<id>`. */
  tracesUrl: string;
  /** Jaeger's OTLP/HTTP receiver: POST `/v1/traces`. */
  otlpHttpUrl: string;
}

/**
 * Starts metrics-server (registered as `metrics.k8s.io`), VictoriaMetrics (scraping kwok's
 * emulated kubelet endpoints) and Jaeger under the cluster's supervisor, so they stop with it,
 * and waits until each answers.
 */
export async function startTelemetry(o: {
  binaries: TelemetryBinaries;
  dir: string;
  supervisor: ProcessSupervisor;
  access: ClusterAccess;
  kubeconfigPath: string;
  kwokPort: number;
  /** How many fake nodes kwok simulates ({@link fakeNodeName}). */
  nodes: number;
  timeoutMs: number;
}): Promise<TelemetryEndpoints> {
  const certs = certificatePaths(o.dir);
  const [metricsServerPort, vmPort, otlpPort, queryPort, queryGrpcPort] =
    await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);

  o.supervisor.start(
    'metrics-server',
    o.binaries.metricsServer,
    metricsServerArgs({
      kubeconfig: o.kubeconfigPath,
      port: metricsServerPort,
      certs: certs,
    }),
  );

  const scrapeConfig = join(o.dir, 'victoria-metrics-scrape.yaml');
  await writeFile(
    scrapeConfig,
    scrapeConfigYaml({
      kwokPort: o.kwokPort,
      nodes: Array.from({ length: o.nodes }, (_, i) => fakeNodeName(i)),
      caFile: certs.caCert,
    }),
  );
  o.supervisor.start(
    'victoria-metrics',
    o.binaries.victoriaMetrics,
    victoriaMetricsArgs({
      port: vmPort,
      dataDir: join(o.dir, 'victoria-metrics'),
      scrapeConfig,
    }),
  );

  const jaegerConfig = join(o.dir, 'jaeger.yaml');
  await writeFile(
    jaegerConfig,
    jaegerConfigYaml({
      otlpHttpPort: otlpPort,
      queryHttpPort: queryPort,
      queryGrpcPort,
    }),
  );
  o.supervisor.start('jaeger', o.binaries.jaeger, jaegerArgs(jaegerConfig));

  const kc = toKubeConfig(o.access);
  await registerMetricsApi(kc, {
    port: metricsServerPort,
    caCert: certs.caCert,
  });

  const endpoints: TelemetryEndpoints = {
    metricsUrl: `http://127.0.0.1:${vmPort}`,
    tracesUrl: `http://127.0.0.1:${queryPort}`,
    otlpHttpUrl: `http://127.0.0.1:${otlpPort}`,
  };
  const options = {
    timeoutMs: o.timeoutMs,
    abort: crashedComponent(o.supervisor),
  };
  await Promise.all([
    waitFor(
      'VictoriaMetrics /health',
      async () => (await httpGet(`${endpoints.metricsUrl}/health`)) === 200,
      options,
    ),
    waitFor(
      'Jaeger query /api/services',
      async () =>
        (await httpGet(`${endpoints.tracesUrl}/api/services`)) === 200,
      options,
    ),
    waitFor(
      'Jaeger OTLP/HTTP receiver',
      // An empty export is a valid request: 200 once the receiver listens.
      async () =>
        (await httpPostJson(`${endpoints.otlpHttpUrl}/v1/traces`, '{}')) ===
        200,
      options,
    ),
    waitFor(
      'APIService v1beta1.metrics.k8s.io Available',
      () => metricsApiAvailable(kc),
      options,
    ),
  ]);
  return endpoints;
}

/** The status of a GET, 0 when nothing answers. */
function httpGet(url: string): Promise<number> {
  return httpStatus(url, 'GET');
}

function httpPostJson(url: string, body: string): Promise<number> {
  return httpStatus(url, 'POST', body);
}

function httpStatus(
  url: string,
  method: string,
  body?: string,
): Promise<number> {
  return new Promise(resolve => {
    const req = request(
      url,
      {
        method,
        timeout: 2000,
        headers: body ? { 'content-type': 'application/json' } : {},
      },
      res => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(body);
  });
}
