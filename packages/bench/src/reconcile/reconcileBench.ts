/*
 * `yarn bench:reconcile` — the control plane against a real local API server, in one run:
 *   (a) converging every deployment from empty, next to `kubectl apply --server-side` of the
 *       same rendered objects into a second copy of the projects and an ideal client (nothing
 *       but parallel applies) into a third: about the best any client can do on this machine;
 *   (b) a resync with nothing changed: its wall time and requests by verb (goal: none at all,
 *       answered from the drift watches' cache);
 *   (c) drift-correction latency of a hand-edited Deployment;
 *   (d) this process's peak RSS.
 * BENCH_COMPONENTS sets the size (default 1,000, in projects of 50, deployed to dev and
 * staging). As in the backend, the drift watcher (and the applier's live state cache it keeps
 * current) runs before the first resync. Figures only: nothing here asserts a threshold.
 */
import { Entity } from '@backstage/catalog-model';
import { locateBinaries, startLocalCluster } from '@stagecraft/test-cluster';
import knexFactory from 'knex';
import { createControlPlaneHarness } from '@stagecraft/plugin-stagecraft-backend/src/__testUtils__/controlPlaneHarness';
import {
  DEFAULT_APPLY_OPTIONS,
  ServerSideApplier,
} from '@stagecraft/plugin-stagecraft-backend/src/apply/ServerSideApplier';
import { CatalogSnapshot } from '@stagecraft/plugin-stagecraft-backend/src/catalog/CatalogSnapshot';
import { migrate } from '@stagecraft/plugin-stagecraft-backend/src/database/migrate';
import { cacheSqliteStatements } from '@stagecraft/plugin-stagecraft-backend/src/database/sqliteStatementCache';
import { RequestCounter } from '@stagecraft/plugin-stagecraft-backend/src/kube/RequestCounter';
import { KubernetesDataPlane } from '@stagecraft/plugin-stagecraft-backend/src/targets/KubernetesDataPlane';
import { ManagedObjectWatcher } from '@stagecraft/plugin-stagecraft-backend/src/drift/ManagedObjectWatcher';
import { BENCH_ENVIRONMENTS, benchCatalog } from './benchCatalog';
import { benchLogger } from './benchLogger';
import { childCpuSeconds, childCpuSince } from './childCpu';
import { convergeBaselines } from './convergeBaselines';
import { profiled } from './convergeProfile';
import { DriftTarget, measureDriftCorrection } from './measureDriftCorrection';
import { PeakRss } from '../shared/peakRss';
import { percentile } from '../shared/percentile';
import { printedUsage } from '../shared/usage';
import { renderDeployments, RenderedSet } from './renderDeployments';
import { seedDeployments } from './seedDeployments';
import { formatRequestsSince, serverRequestTotals } from './serverRequests';

const USAGE = `yarn bench:reconcile [--help]
  Converges every deployment of a generated catalog on a local API server (next to kubectl
  apply --server-side of the same objects and an ideal client that only applies), resyncs
  with nothing changed, measures drift correction and peak RSS. Needs the Kubernetes
  binaries and kubectl (tools/k8s/build.sh).
  BENCH_COMPONENTS  components, in projects of 50, each deployed to dev and staging (1000)
  BENCH_CONCURRENCY  deployments the control plane reconciles at once (16)
  BENCH_PARALLELISM requests one reconcile keeps in flight (the applier's default, ${DEFAULT_APPLY_OPTIONS.parallelism})
  BENCH_IDEAL_PARALLELISM  applies the ideal client keeps in flight (16)
  BENCH_CPU_PROFILE file to write a V8 CPU profile of this process during the converge`;

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 1000);
const PER_PROJECT = 50;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
/** Requests of one apply stage in flight at once: the applier's own default unless set. */
const PARALLELISM = Number(
  process.env.BENCH_PARALLELISM ?? DEFAULT_APPLY_OPTIONS.parallelism,
);
/** Applies the ideal client keeps in flight at once. */
const IDEAL_PARALLELISM = Number(process.env.BENCH_IDEAL_PARALLELISM ?? 16);
const DRIFT_ROUNDS = 100;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${Math.round(ms)} ms`;

/** Runs `fn` and resolves with its wall time in milliseconds. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

/** The managed Deployments of a rendered set, with the replica count each should keep. */
function deploymentsOf(set: RenderedSet): DriftTarget[] {
  return set.objects
    .filter(m => m.kind === 'Deployment')
    .map(m => ({
      namespace: m.metadata.namespace!,
      name: m.metadata.name,
      replicas: (m.spec as { replicas: number }).replicas,
    }));
}

/** Cleanup steps, run last-registered first, even when the benchmark fails. */
type Teardown = (() => Promise<unknown>)[];

/** A local API server, a migrated in-memory database and a running control plane. */
async function setUp(entities: Entity[], teardown: Teardown) {
  const { kubectl } = await locateBinaries({ build: false });
  if (!kubectl) throw new Error('kubectl is not built: run tools/k8s/build.sh');
  const cluster = await startLocalCluster({ mode: 'api' });
  teardown.push(() => cluster.stop());
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  teardown.push(() => knex.destroy());
  // As the backend's plugin does with its database.
  cacheSqliteStatements(knex);
  await migrate(knex);

  const counter = new RequestCounter();
  const kubeConfig = cluster.kubeConfig();
  const applier = new ServerSideApplier(kubeConfig, {
    counter,
    parallelism: PARALLELISM,
  });
  const plane = new KubernetesDataPlane('local', kubeConfig, applier);
  const outcomes = new Map<string, number>();
  const logger = benchLogger();
  const harness = createControlPlaneHarness({
    knex,
    entities,
    dataPlanes: new Map([['local', plane]]),
    logger,
    options: { concurrency: CONCURRENCY },
    observer: {
      finished: (_key, _holder, result) =>
        outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1),
    },
  });
  harness.controlPlane.start();
  teardown.push(() => harness.controlPlane.stop());
  // Watches first, as the backend does: the applier answers from what they have seen.
  const watcher = new ManagedObjectWatcher({
    kubeConfig,
    logger,
    onEvent: event => harness.controlPlane.onWatchEvent(event),
    liveState: applier.liveState,
  });
  teardown.push(() => watcher.stop());
  const listed = await timed(() => watcher.start());
  return { cluster, kubectl, counter, outcomes, logger, listed, ...harness };
}

type Bench = Awaited<ReturnType<typeof setUp>>;

/**
 * (a) Every deployment from empty, then kubectl and the ideal client, each with the same
 * objects in namespaces of its own.
 */
async function convergeFromEmpty(bench: Bench, objects: number) {
  const { controlPlane, counter, outcomes } = bench;
  const kubeConfig = bench.cluster.kubeConfig();
  const cpu = process.cpuUsage();
  const serverCpu = childCpuSeconds();
  const served = await serverRequestTotals(kubeConfig);
  const converge = await profiled(process.env.BENCH_CPU_PROFILE, () =>
    timed(async () => {
      await controlPlane.resync();
      await controlPlane.idle();
    }),
  );
  const { user, system } = process.cpuUsage(cpu);
  const ourServerCpu = childCpuSince(serverCpu);
  const ourServed = formatRequestsSince(
    served,
    await serverRequestTotals(kubeConfig),
  );
  const reconciles = [...outcomes].map(([outcome, n]) => `${n} ${outcome}`);
  const requests = Object.values(counter.counts()).reduce((a, b) => a + b, 0);
  console.log(
    `\n(a) converge from empty:      ${seconds(
      converge,
    )}  (reconciles: ${reconciles.join(', ')}; requests: ${JSON.stringify(
      counter.counts(),
    )}, ${(requests / objects).toFixed(
      2,
    )} per object; CPU of this process ${seconds(
      (user + system) / 1000,
    )}; requests served: ${
      ourServed.text
    }; CPU of the cluster: ${ourServerCpu})`,
  );

  const baselines = await convergeBaselines({
    components: COMPONENTS,
    perProject: PER_PROJECT,
    kubectl: bench.kubectl,
    kubeconfigPath: bench.cluster.kubeconfigPath,
    kubeConfig,
    idealParallelism: IDEAL_PARALLELISM,
  });
  const ratio = (ms: number) => `${(ms / baselines.kubectl).toFixed(2)}×`;
  console.log(
    `    stagecraft / kubectl:        ${ratio(converge)}  (goal ≤ 0.5×)`,
  );
  console.log(
    `    ideal client / kubectl:      ${ratio(
      baselines.ideal,
    )}  (a client that only applies, ${IDEAL_PARALLELISM} in flight: try BENCH_IDEAL_PARALLELISM)`,
  );
  console.log(
    `    ideal with dry runs / kubectl: ${ratio(
      baselines.guarded,
    )}  (the floor while every object but each deployment's first is dry-run)`,
  );
}

/** (b) A resync with nothing changed: wall time and requests by verb. */
async function resyncUnchanged({ controlPlane, counter }: Bench) {
  counter.reset();
  const resync = await timed(async () => {
    await controlPlane.resync();
    await controlPlane.idle();
  });
  const requests = Object.values(counter.counts()).reduce((a, b) => a + b, 0);
  console.log(
    `\n(b) resync, nothing changed:  ${seconds(
      resync,
    )}  requests: ${requests} (goal 0)  writes: ${counter.writes()}  by verb: ${JSON.stringify(
      counter.counts(),
    )}`,
  );
}

/** (c) Drift-correction latency, with the watcher feeding the control plane. */
async function driftCorrection(
  { cluster, controlPlane, listed }: Bench,
  targets: DriftTarget[],
) {
  await controlPlane.idle();
  const latencies = await measureDriftCorrection({
    kubeConfig: cluster.kubeConfig(),
    targets,
    rounds: DRIFT_ROUNDS,
    settle: () => controlPlane.idle(),
  });
  console.log(
    `\n(c) drift correction (${DRIFT_ROUNDS} hand edits of spec.replicas; watcher listed the empty cluster in ${millis(
      listed,
    )}):`,
  );
  console.log(
    `    p50 ${millis(percentile(latencies, 50))}  p95 ${millis(
      percentile(latencies, 95),
    )}  max ${millis(Math.max(...latencies))}  (goal p95 < 2 s)`,
  );
}

async function main() {
  if (!Number.isInteger(COMPONENTS) || COMPONENTS < 1)
    throw new Error(
      `BENCH_COMPONENTS must be a positive integer, not "${process.env.BENCH_COMPONENTS}"`,
    );
  if (!Number.isInteger(IDEAL_PARALLELISM) || IDEAL_PARALLELISM < 1)
    throw new Error(
      `BENCH_IDEAL_PARALLELISM must be a positive integer, not "${process.env.BENCH_IDEAL_PARALLELISM}"`,
    );
  const rss = new PeakRss();
  const teardown: Teardown = [];
  try {
    const entities = benchCatalog({
      components: COMPONENTS,
      perProject: PER_PROJECT,
    });
    const bench = await setUp(entities, teardown);
    const catalog = new CatalogSnapshot(entities);
    const ours = renderDeployments(catalog, BENCH_ENVIRONMENTS);
    const deployments = await seedDeployments({
      store: bench.store,
      catalog,
      environments: BENCH_ENVIRONMENTS,
    });
    console.log(
      `catalog: ${COMPONENTS} components in projects of ${PER_PROJECT}, environments ${BENCH_ENVIRONMENTS.join(
        ', ',
      )}: ${deployments} deployments, ${ours.objects.length} objects (${
        ours.objects.filter(m => m.kind === 'Namespace').length
      } of them Namespaces)`,
    );
    console.log(
      `control plane: concurrency ${CONCURRENCY}, apply parallelism ${PARALLELISM}, rate limiter: none (unlimited)`,
    );
    await convergeFromEmpty(bench, ours.objects.length);
    await resyncUnchanged(bench);
    await driftCorrection(bench, deploymentsOf(ours));
  } finally {
    for (const step of teardown.reverse()) {
      await step().catch(error => console.error('teardown failed:', error));
    }
    rss.stop();
    console.log(
      `\n(d) peak RSS: ${rss.mib().toFixed(0)} MiB at ${COMPONENTS} components`,
    );
  }
}

if (!printedUsage(process.argv, USAGE))
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
