/*
 * `yarn bench:backend` — the memory of the real backend (packages/backend, every plugin the
 * demo runs) with a generated organisation deployed and watched, measured on the backend's
 * own process from /proc/<pid>/status:
 *   1. a local API server, and the reconcile benchmark's catalog (BENCH_COMPONENTS components
 *      in projects of 50) with a dev → staging pipeline as the backend's only catalog location;
 *   2. the backend started as its own process, by default built and run as production runs
 *      it (builtBackend.ts; BENCH_BACKEND=dev: from source through the SWC loader), SQLite
 *      on disk, the cluster as target `local`, drift watches on;
 *   3. the catalog trigger deploys every component to dev; each is then promoted to staging
 *      through the REST API; both polled on the REST API until every release is applied;
 *   4. BENCH_SETTLE_SECONDS of quiet, then RSS: the peak over the process's life (VmHWM) and
 *      the steady figure (lowest/last over the quiet window).
 * BENCH_HEAP_SNAPSHOT=1 then writes a heap snapshot of the backend (SIGUSR2) and keeps it.
 * Figures only: nothing asserts a threshold. Loopback only; stops only what it started.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { findRepoRoot, startLocalCluster } from '@stagecraft/test-cluster';
import { BENCH_ENVIRONMENTS } from '../reconcile/benchCatalog';
import { printedUsage } from '../shared/usage';
import {
  BackendExited,
  BackendProcess,
  isExit,
  startBackendProcess,
} from './backendProcess';
import { writeBenchBackendConfig } from './benchBackendConfig';
import { catalogLayout } from './catalogFiles';
import { benchPostgres } from './benchPostgres';
import { memoryReleaseKnobs } from './memoryReleaseKnobs';
import { Teardown } from './Teardown';
import { USAGE } from './usage';
import { prepareBuiltBackend } from './builtBackend';
import {
  applied,
  DeploymentsApi,
  pollUntil,
  stateCounts,
} from './deploymentsApi';
import { writeHeapSnapshot } from './heapSnapshot';
import { PhaseCpuProfile } from './phaseCpuProfile';
import { MemorySampler, mib } from './processMemory';
import { phaseReporter } from './phaseReporter';
import { eachLimited, freePort, since } from './runHelpers';

const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 1000);
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 120);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MINUTES ?? 60) * 60_000;
const HEAP_SNAPSHOT = process.env.BENCH_HEAP_SNAPSHOT === '1';
const MEMORY_TIMELINE = process.env.BENCH_MEMORY_TIMELINE === '1';
const CATALOG_LAYOUT = catalogLayout();
const BACKEND = process.env.BENCH_BACKEND ?? 'built';
const BUILD = process.env.BENCH_BUILD !== '0';
const PER_PROJECT = 50;
const RECONCILE = { concurrency: 16, qps: 0 };
const PROMOTE_CONCURRENCY = 8;
/** Each poll lists every deployment of an environment: not too often, it costs the backend. */
const POLL_MS = 15_000;
const [FIRST, SECOND] = BENCH_ENVIRONMENTS;

/**
 * Polls until every component has a deployment in `environment` with its release applied;
 * `onPoll` sees each answer (and may act on it) before the next poll.
 */
async function waitApplied(
  api: DeploymentsApi,
  backend: BackendProcess,
  environment: string,
  onPoll?: (items: DeploymentStatus[]) => Promise<void>,
) {
  let last = '';
  await pollUntil(
    `${COMPONENTS} deployments applied in ${environment}`,
    async () => {
      if (backend.exited()) throw new BackendExited(backend.logFile);
      const items = await api.list(environment);
      last = JSON.stringify(stateCounts(items));
      await onPoll?.(items);
      return items.length === COMPONENTS && items.every(applied);
    },
    { timeoutMs: TIMEOUT_MS, intervalMs: POLL_MS, fatal: isExit },
  ).catch(error => {
    throw new Error(`${error.message} (last states: ${last})`);
  });
  return last;
}

/**
 * Waits for the catalog trigger to deploy every component to the first stage. A component
 * the catalog processed before the pipeline got a release but no deployment; once the
 * trigger adds nothing between two polls, those are deployed through the REST API.
 */
async function waitFirstStage(
  api: DeploymentsApi,
  backend: BackendProcess,
  components: string[],
) {
  let previous = -1;
  let viaApi = 0;
  const states = await waitApplied(api, backend, FIRST, async items => {
    if (items.length < components.length && items.length === previous) {
      const have = new Set(items.map(d => d.componentRef));
      const missing = components.filter(c => !have.has(c));
      await eachLimited(missing, PROMOTE_CONCURRENCY, async c => {
        // Not fatal: a component without a release yet is tried again on the next poll.
        await api.deploy(c, FIRST).then(
          () => viaApi++,
          error => console.error(`deploy ${c} to ${FIRST}: ${error.message}`),
        );
      });
    }
    previous = items.length;
  });
  return `${states}, ${viaApi} of them deployed through the API`;
}

/** Deploys every component to the first stage, then promotes each to the second. */
async function deployBoth(
  api: DeploymentsApi,
  backend: BackendProcess,
  components: string[],
  report: (phase: string) => Promise<void>,
  cpuProfile: PhaseCpuProfile | undefined,
) {
  await cpuProfile?.startIf('first-stage');
  let start = Date.now();
  await pollUntil(
    `${COMPONENTS} components in the catalog`,
    async () => {
      if (backend.exited()) throw new BackendExited(backend.logFile);
      return (await api.catalogCount('component')) === COMPONENTS;
    },
    { timeoutMs: TIMEOUT_MS, intervalMs: POLL_MS, fatal: isExit },
  );
  await report(`catalog ingested in ${since(start)}:`);
  const firstStates = await waitFirstStage(api, backend, components);
  await report(`all ${FIRST} applied in ${since(start)} ${firstStates}:`);
  await cpuProfile?.finishIf('first-stage');
  start = Date.now();
  const refs = (await api.list(FIRST)).map(d => d.componentRef);
  await eachLimited(refs, PROMOTE_CONCURRENCY, ref => api.promote(ref, FIRST));
  const secondStates = await waitApplied(api, backend, SECOND);
  await report(
    `promoted, all ${SECOND} applied in ${since(start)} ${secondStates}:`,
  );
}

async function measure(
  backend: BackendProcess,
  token: string,
  dir: string,
  components: string[],
  cpuProfile: PhaseCpuProfile | undefined,
  transactions?: () => Promise<number | undefined>,
) {
  const api = new DeploymentsApi(backend.baseUrl, token);
  const memory = new MemorySampler(backend.pid);
  const report = phaseReporter({
    pid: backend.pid,
    dir,
    memory,
    transactions,
  });
  await report('backend ready, nothing deployed:');
  try {
    await deployBoth(api, backend, components, report, cpuProfile);
  } catch (error) {
    // A run stopped by its time bound (e.g. 5,000 components on a busy machine) still says
    // how far the backend's memory had gone.
    if (!backend.exited()) await report(`when the run stopped:`);
    throw error;
  }
  const quiet = Date.now();
  await cpuProfile?.startIf('quiet');
  await new Promise(r => setTimeout(r, SETTLE_SECONDS * 1000));
  await report(`after ${SETTLE_SECONDS} s of quiet:`);
  await cpuProfile?.finishIf('quiet');
  const steady = memory.window(quiet);
  if (MEMORY_TIMELINE) console.log(memory.describeTimeline(quiet));
  const peak = memory.now()!.peak;
  memory.stop();
  console.log(
    `\nbackend RSS at ${COMPONENTS} components × ${BENCH_ENVIRONMENTS.length} environments, deployed and watched:` +
      `\n  steady (over ${SETTLE_SECONDS} s of quiet): last ${mib(
        steady.last,
      )}, min ${mib(steady.min)}, max ${mib(steady.max)}` +
      `\n  peak over the process's life (VmHWM):     ${mib(peak)}`,
  );
  if (HEAP_SNAPSHOT) {
    const snapshot = await writeHeapSnapshot(backend, dir);
    console.log(`heap snapshot: ${snapshot.file} (${mib(snapshot.mib)})`);
  }
}

async function main() {
  if (!Number.isInteger(COMPONENTS) || COMPONENTS < 1)
    throw new Error(
      `BENCH_COMPONENTS must be a positive integer, not "${process.env.BENCH_COMPONENTS}"`,
    );
  const memoryRelease = memoryReleaseKnobs();
  if (BACKEND !== 'built' && BACKEND !== 'dev')
    throw new Error(`BENCH_BACKEND must be built or dev, not "${BACKEND}"`);
  const repoRoot = findRepoRoot();
  const dir = await mkdtemp(join(tmpdir(), 'stagecraft-backend-bench-'));
  const teardown = new Teardown();
  teardown.onSignals();
  if (!HEAP_SNAPSHOT)
    teardown.push(() => rm(dir, { recursive: true, force: true }));
  try {
    const built =
      BACKEND === 'built'
        ? await prepareBuiltBackend({ repoRoot, dir, build: BUILD })
        : undefined;
    const cluster = await startLocalCluster({ mode: 'api' });
    teardown.push(() => cluster.stop());
    const port = await freePort();
    const token = randomBytes(24).toString('hex');
    const postgres = process.env.BENCH_POSTGRES
      ? benchPostgres(
          process.env.BENCH_POSTGRES,
          `bench_${randomBytes(3).toString('hex')}_`,
        )
      : undefined;
    if (postgres) teardown.push(() => postgres.drop());
    const { overlay, entities, components } = await writeBenchBackendConfig({
      dir,
      cluster,
      components: COMPONENTS,
      perProject: PER_PROJECT,
      port,
      token,
      reconcile: RECONCILE,
      memoryRelease: memoryRelease.config,
      database: postgres?.database,
      catalogLayout: CATALOG_LAYOUT,
    });
    const cpuProfile = await PhaseCpuProfile.fromEnv(dir);
    const nodeArgs = [
      ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      ...(cpuProfile?.backendOptions().nodeArgs ?? []),
      ...(HEAP_SNAPSHOT
        ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`]
        : []),
    ];
    console.log(
      `catalog: ${COMPONENTS} components in projects of ${PER_PROJECT} (${entities} entities, ${
        CATALOG_LAYOUT === 'one' ? 'one file' : 'a file per project'
      }), ` +
        `pipeline ${BENCH_ENVIRONMENTS.join(' → ')}; reconcile ${JSON.stringify(
          RECONCILE,
        )}; ` +
        `backend: ${BACKEND}${
          built ? ` (${built.backendDir})` : ''
        }, node args: ${nodeArgs.join(' ') || 'none'}, MALLOC_ARENA_MAX=${
          process.env.MALLOC_ARENA_MAX ?? 'unset'
        }, database ${
          postgres ? 'PostgreSQL' : 'SQLite files'
        }, memory release ${memoryRelease.description}`,
    );
    const started = Date.now();
    const backend = await startBackendProcess({
      repoRoot,
      configPaths: [join(repoRoot, 'app-config.yaml'), overlay],
      port,
      logDir: dir,
      nodeArgs,
      env: cpuProfile?.backendOptions().env,
      builtBackendDir: built?.backendDir,
      timeoutMs: 300_000,
    });
    teardown.push(() => backend.stop());
    console.log(
      `backend pid ${backend.pid} ready in ${since(started)} (log: ${
        backend.logFile
      })`,
    );
    await measure(
      backend,
      token,
      dir,
      components,
      cpuProfile,
      postgres?.stagecraftTransactions,
    );
  } finally {
    await teardown.run();
  }
}

if (!printedUsage(process.argv, USAGE))
  main().catch(error => {
    console.error(error);
    process.exit(1);
  });
