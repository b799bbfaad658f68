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
import {
  component,
  testCatalog,
} from '@stagecraft/plugin-stagecraft-backend/src/__testUtils__/entities';
import { installAddons, startLocalCluster } from '@stagecraft/test-cluster';
import { printedUsage } from '../shared/usage';
import { measureLogStreams } from './logStreams';
import { load, sleep, spread } from './format';
import { closeLoopbackConnections } from './loopbackHttp';
import type { StormPod } from './podEventStorm';
import { restReads } from './readPhase';
import { runtimeOf, storm } from './stormPhase';
import { cacheStorm } from './cacheStorm';
import { schedulerSummary, schedulerTimes } from './runQueue';
import { BackendProcess, startBackendProcess } from './startBackendProcess';
import { mib, usageSummary } from './usageSummary';

const USAGE = `yarn bench:load [--help]
  Starts a local cluster and the Stagecraft backend in a process of its own, deploys a few
  components, then measures live log streams, REST reads and a pod-event storm. Needs the
  Kubernetes binaries (tools/k8s/build.sh). Loopback only.
  LOAD_STREAMS        concurrent log streams (200)
  LOAD_RPS            REST reads per second (100) for LOAD_READ_SECONDS (60)
  LOAD_STORM_RATE     pod events per second (1000) for LOAD_STORM_SECONDS (30)
  LOAD_CPU_PROF       a directory: write a V8 CPU profile of the backend there`;

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
  const scheduled = schedulerTimes(backend.pid);
  const startedAt = performance.now();
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
    `\n(a) ${STREAMS} live log streams (${figures.opened} opened, ${figures.failed} refused; ${figures.sources} pod containers shown across them), ${MARKS} lines ${MARK_INTERVAL_MS} ms apart:`,
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
  for (const [problem, n] of [...figures.problems].slice(0, 5))
    console.log(`    ${n}× ${problem.slice(0, 300)}`);
  console.log(
    `    backend: ${usageSummary(
      backend.samplesSince(since),
    )}; ${schedulerSummary(
      scheduled,
      schedulerTimes(backend.pid),
      performance.now() - startedAt,
    )}   [${load()}]`,
  );
}

/** (d) The runtime cache fed the storm's Events straight, bounded and (as before) not. */
async function cacheStormFigures(total: number) {
  console.log(
    `\n(d) the runtime cache alone, ${total} new Events about one pod pushed into its event watch:`,
  );
  for (const [label, max] of [
    ['bounded (2,000 per namespace)', undefined],
    ['unbounded (before this change)', Infinity],
  ] as const) {
    const f = await cacheStorm(total, max);
    console.log(
      `    ${label.padEnd(31)} kept ${
        f.keptEvents
      } events; ${f.perSecond.toFixed(0)} events/s applied; heap after GC ${mib(
        f.heapBefore,
      )} → ${mib(f.heapAfter)}   [${load()}]`,
    );
  }
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
    await restReads(backend, {
      rps: RPS,
      seconds: READ_SECONDS,
      components: COMPONENTS,
    });
    await storm(backend, cluster, pods, {
      rate: STORM_RATE,
      seconds: STORM_SECONDS,
      kubeConfig: cluster.kubeConfig(),
    });
    await cacheStormFigures(STORM_RATE * STORM_SECONDS);
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
