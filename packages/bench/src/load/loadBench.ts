/*
 * `yarn bench:load` — one backend under load, on a real local cluster (etcd, kube-apiserver,
 * controllers, kwok), everything on 127.0.0.1:
 *   (a) LOAD_STREAMS live log streams (the Logs tab's endpoint): a line written to the pods'
 *       log → received, p50/p99, next to one follow straight from the API server; the
 *       backend's memory and CPU meanwhile;
 *   (b) LOAD_RPS reads per second for LOAD_READ_SECONDS, the Deploy and Runtime tabs' mix:
 *       p50/p99 per route and overall, errors;
 *   (c) a storm of LOAD_STORM_RATE pod events per second for LOAD_STORM_SECONDS (Events
 *       created, pod annotations patched): the runtime view's latency during it, how long an
 *       Event made at its end takes to show, and the backend's memory before, during, after.
 * The backend is the real Stagecraft plugin over HTTP in a process of its own (see
 * backendProcess.ts), so its figures are not the load generator's. Figures only.
 */
import type { RuntimeSnapshot } from '@stagecraft/plugin-stagecraft-common';
import {
  component,
  testCatalog,
} from '@stagecraft/plugin-stagecraft-backend/src/__testUtils__/entities';
import { installAddons, startLocalCluster } from '@stagecraft/test-cluster';
import { loadavg } from 'node:os';
import { percentile } from '../shared/percentile';
import { printedUsage } from '../shared/usage';
import { measureLogStreams } from './logStreams';
import { closeLoopbackConnections, timedGet } from './loopbackHttp';
import { openLoop } from './openLoop';
import { createMarkerEvent, podEventStorm, StormPod } from './podEventStorm';
import { readOf } from './readMix';
import { BackendProcess, startBackendProcess } from './startBackendProcess';
import { mib, usageSummary } from './usageSummary';

const USAGE = `yarn bench:load [--help]
  Starts a local cluster and the Stagecraft backend in a process of its own, deploys a few
  components, then measures live log streams, REST reads and a pod-event storm. Needs the
  Kubernetes binaries (tools/k8s/build.sh). Loopback only.
  LOAD_STREAMS        concurrent log streams (200)
  LOAD_RPS            REST reads per second (100) for LOAD_READ_SECONDS (60)
  LOAD_STORM_RATE     pod events per second (1000) for LOAD_STORM_SECONDS (30)`;

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(
      `${name} must be a positive integer, not "${process.env[name]}"`,
    );
  return value;
};
const STREAMS = setting('LOAD_STREAMS', 200);
const RPS = setting('LOAD_RPS', 100);
const READ_SECONDS = setting('LOAD_READ_SECONDS', 60);
const STORM_RATE = setting('LOAD_STORM_RATE', 1000);
const STORM_SECONDS = setting('LOAD_STORM_SECONDS', 30);
const MARKS = 60;
const MARK_INTERVAL_MS = 500;
const PROJECT = 'load';
const COMPONENTS = ['api', 'worker', 'web', 'search'];
const READY_TIMEOUT_MS = 180_000;
const MARKER_TIMEOUT_MS = 60_000;

const ms = (value: number) => `${Math.round(value)} ms`;
const spread = (samples: number[]) =>
  samples.length === 0
    ? 'no samples'
    : `p50 ${ms(percentile(samples, 50))}  p99 ${ms(
        percentile(samples, 99),
      )}  max ${ms(Math.max(...samples))}  (n=${samples.length})`;
const load = () =>
  `load average ${loadavg()
    .map(l => l.toFixed(2))
    .join(' ')}`;
const sleep = (millis: number) => new Promise(r => setTimeout(r, millis));

async function runtimeOf(backend: BackendProcess, name: string) {
  const answer = await timedGet(
    `${backend.url}/components/default/${name}/deployments/dev/runtime`,
  );
  return answer.status === 200
    ? (JSON.parse(answer.body) as RuntimeSnapshot)
    : undefined;
}

/** Waits until every component runs its pods in dev; returns them. */
async function runningPods(
  backend: BackendProcess,
): Promise<Map<string, StormPod[]>> {
  const started = Date.now();
  while (Date.now() - started < READY_TIMEOUT_MS) {
    const snapshots = await Promise.all(
      COMPONENTS.map(c => runtimeOf(backend, c)),
    );
    if (
      snapshots.every(
        s =>
          s && s.pods.length >= 2 && s.pods.every(p => p.phase === 'Running'),
      )
    )
      return new Map(
        COMPONENTS.map((c, i) => [
          c,
          snapshots[i]!.pods.map(p => ({
            namespace: p.namespace,
            name: p.name,
          })),
        ]),
      );
    await sleep(1000);
  }
  throw new Error(
    `the components' pods were not Running within ${READY_TIMEOUT_MS / 1000} s`,
  );
}

async function logStreams(
  backend: BackendProcess,
  cluster: Awaited<ReturnType<typeof startLocalCluster>>,
  pods: Map<string, StormPod[]>,
) {
  const since = Date.now();
  const first = pods.get('api')![0];
  const figures = await measureLogStreams({
    streamUrl: i =>
      `${backend.url}/components/default/${
        COMPONENTS[i % COMPONENTS.length]
      }/deployments/dev/logs?tailLines=0`,
    streams: STREAMS,
    marks: MARKS,
    markIntervalMs: MARK_INTERVAL_MS,
    appendPodLog: lines => cluster.appendPodLog(lines),
    direct: {
      kubeConfig: cluster.kubeConfig(),
      namespace: first.namespace,
      pod: first.name,
      container: 'main',
    },
  });
  console.log(
    `\n(a) ${STREAMS} live log streams (${figures.opened} opened, ${figures.failed} refused; ${figures.sources} containers followed behind them), ${MARKS} lines ${MARK_INTERVAL_MS} ms apart:`,
  );
  console.log(
    `    written → received through the backend: ${spread(figures.latencies)}`,
  );
  console.log(
    `    written → received straight from the API server (one follow): ${spread(
      figures.directLatencies,
    )}`,
  );
  console.log(
    `    deliveries: ${figures.latencies.length} of ${figures.expected} (missing ${figures.missing})`,
  );
  console.log(
    `    backend: ${usageSummary(backend.samplesSince(since))}   [${load()}]`,
  );
}

async function restReads(backend: BackendProcess) {
  const since = Date.now();
  const figures = await openLoop({
    perSecond: RPS,
    total: RPS * READ_SECONDS,
    maxInFlight: 1000,
    send: async i => {
      const read = readOf(i, COMPONENTS);
      return {
        route: read.route,
        ...(await timedGet(backend.url + read.path)),
      };
    },
  });
  const ok = figures.results.filter(r => r.status === 200);
  const errors: Record<string, number> = {};
  for (const r of figures.results)
    if (r.status !== 200) errors[r.status] = (errors[r.status] ?? 0) + 1;
  console.log(
    `\n(b) ${RPS} reads/s for ${READ_SECONDS} s (Deploy and Runtime tabs' mix): ${
      figures.results.length
    } answered in ${(figures.elapsedMs / 1000).toFixed(1)} s, ${
      figures.skipped
    } not sent (backlog)`,
  );
  console.log(
    `    all: ${spread(ok.map(r => r.ms))}   errors: ${JSON.stringify(errors)}`,
  );
  for (const route of [...new Set(figures.results.map(r => r.route))])
    console.log(
      `    ${route.padEnd(52)} ${spread(
        ok.filter(r => r.route === route).map(r => r.ms),
      )}`,
    );
  console.log(
    `    backend: ${usageSummary(backend.samplesSince(since))}   [${load()}]`,
  );
}

async function storm(
  backend: BackendProcess,
  cluster: Awaited<ReturnType<typeof startLocalCluster>>,
  pods: Map<string, StormPod[]>,
) {
  const before = await backend.collectGarbage();
  const since = Date.now();
  const target = pods.get('api')![0];
  const marker = `load marker ${Date.now()}`;
  let markerSent: Promise<number> | undefined;
  let markerAt = 0;
  const during: number[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const answer = await timedGet(
        `${backend.url}/components/default/api/deployments/dev/runtime`,
      );
      if (answer.status === 200) during.push(answer.ms);
      await sleep(1000);
    }
  })();
  const figures = await podEventStorm({
    access: cluster,
    pods: [...pods.values()].flat(),
    perSecond: STORM_RATE,
    seconds: STORM_SECONDS,
    atEnd: () => {
      markerAt = performance.now();
      markerSent = createMarkerEvent(cluster, target, marker);
    },
  });
  polling = false;
  let visibleAfter: number | undefined;
  const waitStarted = Date.now();
  while (
    visibleAfter === undefined &&
    Date.now() - waitStarted < MARKER_TIMEOUT_MS
  ) {
    const snapshot = await runtimeOf(backend, 'api');
    if (snapshot?.events.some(e => e.message === marker))
      visibleAfter = performance.now() - markerAt;
    else await sleep(100);
  }
  await poller;
  const markerStatus = await markerSent;
  const stormEnd = Date.now();
  await sleep(10_000);
  const after = await backend.collectGarbage();
  console.log(
    `\n(c) pod-event storm, ${STORM_RATE}/s for ${STORM_SECONDS} s (half Events created, half pod annotations patched): ${
      figures.sent
    } sent at ${figures.perSecond.toFixed(0)}/s, ${
      figures.skipped
    } not sent (backlog), by status ${JSON.stringify(figures.byStatus)}`,
  );
  console.log(`    runtime view during the storm: ${spread(during)}`);
  console.log(
    `    an Event made at the storm's end (HTTP ${markerStatus}) shows in the runtime view after: ${
      visibleAfter === undefined
        ? `not within ${MARKER_TIMEOUT_MS / 1000} s`
        : ms(visibleAfter)
    }`,
  );
  console.log(
    `    backend during: ${usageSummary(
      backend.samplesSince(since).filter(s => s.at <= stormEnd),
    )}`,
  );
  console.log(
    `    backend after a full GC: before ${mib(before.rss)} RSS / ${mib(
      before.heapUsed,
    )} heap, 10 s after ${mib(after.rss)} RSS / ${mib(
      after.heapUsed,
    )} heap   [${load()}]`,
  );
}

async function main() {
  console.log(
    `bench:load — ${STREAMS} streams, ${RPS} reads/s × ${READ_SECONDS} s, storm ${STORM_RATE}/s × ${STORM_SECONDS} s   [${load()}]`,
  );
  const cluster = await startLocalCluster({ mode: 'full' });
  let backend: BackendProcess | undefined;
  try {
    await installAddons(cluster.kubeConfig());
    const entities = [
      ...testCatalog(PROJECT),
      component('web', PROJECT, { type: 'service' }),
      component('search', PROJECT, { type: 'service' }),
    ];
    backend = await startBackendProcess({
      cluster: {
        server: cluster.server,
        caFile: cluster.caFile,
        token: cluster.token,
      },
      entities,
    });
    const pods = await runningPods(backend);
    const idle = await backend.collectGarbage();
    console.log(
      `deployed ${COMPONENTS.join(', ')} to dev (${
        [...pods.values()].flat().length
      } pods); backend pid ${backend.pid}, idle after GC: ${mib(
        idle.rss,
      )} RSS, ${mib(idle.heapUsed)} heap`,
    );
    await logStreams(backend, cluster, pods);
    await sleep(5000);
    await restReads(backend);
    await storm(backend, cluster, pods);
  } finally {
    closeLoopbackConnections();
    await backend?.stop();
    await cluster.stop();
  }
}

if (!printedUsage(process.argv, USAGE))
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
