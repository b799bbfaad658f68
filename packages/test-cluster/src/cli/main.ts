import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findRepoRoot } from '../control-plane/binaries';
import { installAddons } from '../control-plane/installAddons';
import { toKubeConfig } from '../control-plane/kubeconfig';
import {
  isAlive,
  ProcessSupervisor,
  stopPids,
} from '../control-plane/ProcessSupervisor';
import { startLocalCluster } from '../control-plane/startLocalCluster';
import { demoAppConfig } from './demoAppConfig';
import { readDemoState, removeDemoState, writeDemoState } from './demoState';
import { emitDemoTraces } from './demoTraces';

/**
 * `yarn cluster:up`    start the demo cluster (full mode) in the background and point the app at it
 * `yarn cluster:down`  stop it by the PIDs `up` recorded and remove app-config.local.yaml
 * `yarn cluster:status` say whether it is running
 */
const root = findRepoRoot();
const dir = join(root, '.stagecraft', 'cluster');
const appConfigLocal = join(root, 'app-config.local.yaml');

async function up() {
  const existing = await readDemoState(dir);
  if (existing?.processes.some(p => isAlive(p.pid))) {
    console.log(
      `The demo cluster is already running at ${existing.server} (yarn cluster:down stops it).`,
    );
    return;
  }
  await removeDemoState(dir);
  const started = Date.now();
  console.log(
    'Starting the demo cluster (builds the Kubernetes binaries first if needed; ~15 min once)...',
  );
  const cluster = await startLocalCluster({
    mode: 'full',
    dir,
    build: true,
    background: true,
    nodes: 2,
    telemetry: true,
  });
  // The example exposes endpoints with HTTPRoutes and claims a volume.
  await installAddons(toKubeConfig(cluster), { demoVolumes: true });
  // Traces of the example components keep arriving while the cluster runs.
  const traces = new ProcessSupervisor(join(dir, 'logs'));
  traces.start('trace-generator', process.execPath, [
    join(root, 'packages', 'test-cluster', 'bin', 'test-cluster'),
    'emit-traces',
    cluster.telemetry!.otlpHttpUrl,
  ]);
  traces.detach();
  await writeDemoState({
    dir,
    server: cluster.server,
    caFile: cluster.caFile,
    token: cluster.token,
    kubeconfigPath: cluster.kubeconfigPath,
    podLogFile: cluster.podLogFile,
    processes: [...cluster.processes, ...traces.processes].map(
      ({ name, pid }) => ({ name, pid }),
    ),
    telemetry: cluster.telemetry,
  });
  await writeFile(appConfigLocal, demoAppConfig(cluster), { mode: 0o600 });
  console.log(
    `Demo cluster ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${
      cluster.server
    }`,
  );
  console.log(`  kubectl --kubeconfig ${cluster.kubeconfigPath} get nodes`);
  console.log(
    `  pod logs are served from ${cluster.podLogFile} (append lines to see them live)`,
  );
  const { metricsUrl, tracesUrl } = cluster.telemetry!;
  console.log(
    `  kubectl --kubeconfig ${cluster.kubeconfigPath} top pods -A   (metrics-server)`,
  );
  console.log(
    `  metrics (Prometheus API, VictoriaMetrics): ${metricsUrl}/vmui`,
  );
  console.log(`  traces (Jaeger UI and query API): ${tracesUrl}`);
  console.log(
    '  app-config.local.yaml now points Stagecraft, its observability providers and the Kubernetes plugin at it; restart `yarn start`.',
  );
}

async function down() {
  const state = await readDemoState(dir);
  if (!state) {
    console.log('No demo cluster is recorded in .stagecraft/cluster.');
  } else {
    await stopPids(state.processes.map(p => p.pid));
    await removeDemoState(dir);
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
    console.log('The demo cluster is not running.');
    process.exitCode = 1;
    return;
  }
  console.log(
    `The demo cluster is running at ${state.server}: ${alive
      .map(p => p.name)
      .join(', ')}`,
  );
  console.log(`  kubectl --kubeconfig ${state.kubeconfigPath} get pods -A`);
  if (state.telemetry) {
    console.log(
      `  metrics: ${state.telemetry.metricsUrl}  traces: ${state.telemetry.tracesUrl}`,
    );
  }
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
