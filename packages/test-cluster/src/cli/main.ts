import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findRepoRoot, locateBinaries } from '../control-plane/binaries';
import { installAddons } from '../control-plane/installAddons';
import { toKubeConfig } from '../control-plane/kubeconfig';
import {
  isAlive,
  ProcessSupervisor,
  stopPids,
} from '../control-plane/ProcessSupervisor';
import {
  LocalCluster,
  startLocalCluster,
} from '../control-plane/startLocalCluster';
import { demoAppConfig } from './demoAppConfig';
import { readDemoState, removeDemoState, writeDemoState } from './demoState';
import { emitDemoTraces } from './demoTraces';

/**
 * `yarn cluster:up`    start the demo's two clusters (full mode: dev and staging on one, production
 *                      on the other) in the background and point the app at them
 * `yarn cluster:down`  stop them by the PIDs `up` recorded and remove app-config.local.yaml
 * `yarn cluster:status` say whether they are running
 */
const root = findRepoRoot();
const dir = join(root, '.stagecraft', 'cluster');
const productionDir = join(root, '.stagecraft', 'cluster-production');
const appConfigLocal = join(root, 'app-config.local.yaml');

async function up() {
  const existing = await readDemoState(dir);
  if (existing?.processes.some(p => isAlive(p.pid))) {
    console.log(
      `The demo clusters are already running at ${existing.server} and ${
        existing.production?.server ?? existing.server
      } (yarn cluster:down stops them).`,
    );
    return;
  }
  await removeDemoState(dir);
  await rm(productionDir, { recursive: true, force: true });
  const started = Date.now();
  console.log(
    'Starting the demo clusters (builds the Kubernetes binaries first if needed; ~15 min once)...',
  );
  // Two independent clusters, as platforms run them: dev and staging on one, production on
  // the other. Started side by side; the binaries are built (if at all) before either starts.
  await locateBinaries({ build: true });
  const [local, production] = await startAll(
    [dir, productionDir].map(
      clusterDir => () =>
        startLocalCluster({
          mode: 'full',
          dir: clusterDir,
          background: true,
          nodes: 2,
          telemetry: true,
        }),
    ),
  );
  // The example exposes endpoints with HTTPRoutes and claims a volume.
  await Promise.all(
    [local, production].map(c =>
      installAddons(toKubeConfig(c), { demoVolumes: true }),
    ),
  );
  // Traces of the example components keep arriving while the clusters run; one Jaeger (the
  // first cluster's) receives every environment's, as one tracing backend per organisation.
  const traces = new ProcessSupervisor(join(dir, 'logs'));
  traces.start('trace-generator', process.execPath, [
    join(root, 'packages', 'test-cluster', 'bin', 'test-cluster'),
    'emit-traces',
    local.telemetry!.otlpHttpUrl,
  ]);
  traces.detach();
  await writeDemoState({
    ...demoCluster(local),
    dir,
    // Production's processes are prefixed, so `status` tells the two clusters' apart.
    processes: [
      ...[local, traces].flatMap(c => c.processes),
      ...production.processes.map(p => ({
        ...p,
        name: `production:${p.name}`,
      })),
    ].map(({ name, pid }) => ({ name, pid })),
    production: { ...demoCluster(production), dir: productionDir },
  });
  await writeFile(appConfigLocal, demoAppConfig(local, production), {
    mode: 0o600,
  });
  console.log(
    `Demo clusters ready in ${((Date.now() - started) / 1000).toFixed(1)} s:`,
  );
  for (const [what, cluster] of [
    ['dev and staging (target local)', local],
    ['production (target production)', production],
  ] as const) {
    console.log(`${what}: ${cluster.server}`);
    console.log(`  kubectl --kubeconfig ${cluster.kubeconfigPath} get nodes`);
    console.log(
      `  kubectl --kubeconfig ${cluster.kubeconfigPath} top pods -A   (metrics-server)`,
    );
    console.log(
      `  pod logs are served from ${cluster.podLogFile}; append lines to see them live, in this format: echo "$(date -u +%FT%T.%3NZ) stdout F hello" >> ${cluster.podLogFile}`,
    );
    console.log(
      `  metrics (Prometheus API, VictoriaMetrics): ${
        cluster.telemetry!.metricsUrl
      }/vmui`,
    );
  }
  console.log(
    `traces of every environment (Jaeger UI and query API): ${
      local.telemetry!.tracesUrl
    }`,
  );
  console.log(
    "  app-config.local.yaml now points Stagecraft's targets, its observability providers and the Kubernetes plugin at them; restart `yarn start`.",
  );
}

/** Starts the clusters side by side; if one fails, stops the others (they run detached). */
async function startAll(
  starts: (() => Promise<LocalCluster>)[],
): Promise<LocalCluster[]> {
  const results = await Promise.allSettled(starts.map(start => start()));
  const failed = results.find(r => r.status === 'rejected');
  if (!failed) {
    return results.map(r => (r as PromiseFulfilledResult<LocalCluster>).value);
  }
  for (const r of results) if (r.status === 'fulfilled') await r.value.stop();
  throw (failed as PromiseRejectedResult).reason;
}

/** What `status` and scripts need of one cluster. */
function demoCluster(cluster: LocalCluster) {
  return {
    server: cluster.server,
    caFile: cluster.caFile,
    token: cluster.token,
    kubeconfigPath: cluster.kubeconfigPath,
    podLogFile: cluster.podLogFile,
    telemetry: cluster.telemetry,
  };
}

async function down() {
  const state = await readDemoState(dir);
  if (!state) {
    console.log('No demo cluster is recorded in .stagecraft/cluster.');
  } else {
    await stopPids(state.processes.map(p => p.pid));
    await removeDemoState(dir);
    await rm(productionDir, { recursive: true, force: true });
    console.log(
      `Stopped ${state.processes.map(p => `${p.name} (${p.pid})`).join(', ')}.`,
    );
  }
  await rm(appConfigLocal, { force: true });
}

async function status() {
  const state = await readDemoState(dir);
  const alive = state?.processes.filter(p => isAlive(p.pid)) ?? [];
  if (!state || alive.length === 0) {
    console.log('The demo clusters are not running.');
    process.exitCode = 1;
    return;
  }
  for (const [what, cluster] of [
    ['dev and staging (target local)', state],
    ['production (target production)', state.production],
  ] as const) {
    if (!cluster) continue;
    console.log(`${what}: ${cluster.server}`);
    console.log(`  kubectl --kubeconfig ${cluster.kubeconfigPath} get pods -A`);
    if (cluster.telemetry) {
      console.log(
        `  metrics: ${cluster.telemetry.metricsUrl}  traces: ${state.telemetry?.tracesUrl}`,
      );
    }
  }
  console.log(`running: ${alive.map(p => `${p.name} (${p.pid})`).join(', ')}`);
}

const commands: Record<string, () => Promise<void>> = {
  up,
  down,
  status,
  // Internal: the background trace generator `up` starts.
  'emit-traces': () => emitDemoTraces(process.argv[3] ?? ''),
};
const command = commands[process.argv[2] ?? ''];
if (!command) {
  console.error('usage: test-cluster up|down|status');
  process.exit(2);
}
command().catch(error => {
  console.error(
    `test-cluster ${process.argv[2]}: ${
      error instanceof Error ? error.message : error
    }`,
  );
  process.exit(1);
});
