import { KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ControlPlaneBinaries, locateBinaries } from './binaries';
import { createCertificates } from './certificates';
import { freePort } from './freePort';
import { ClusterAccess, toKubeConfig, writeKubeconfig } from './kubeconfig';
import { kwokConfigYaml } from './kwokConfig';
import { podLogLine } from './podLogLine';
import {
  logTail,
  ProcessSupervisor,
  SupervisedProcess,
} from './ProcessSupervisor';
import { startControllers } from './startControllers';
import { startTelemetry, TelemetryEndpoints } from './startTelemetry';
import { locateTelemetryBinaries } from './telemetryBinaries';
import { kwokUsageYaml } from '../telemetry/kwokUsage';
import { apiserverArgs, etcdArgs } from './componentArgs';
import { isApiserverReady, namespaceExists } from './probes';
import { waitFor } from './waitFor';

/**
 * `api`: etcd and kube-apiserver only — real validation, admission, RBAC, server-side apply
 * and watches, in a few seconds. `full`: also kube-controller-manager, kube-scheduler and kwok
 * with fake nodes, so Deployments get ReplicaSets and Running pods whose logs can be read.
 */
export type ClusterMode = 'api' | 'full';

/** Options of {@link startLocalCluster}. */
export interface StartLocalClusterOptions {
  /** Defaults to `api`. */
  mode?: ClusterMode;
  /** Fake nodes in `full` mode. Defaults to 1. */
  nodes?: number;
  /** Directory for certificates, data and logs. Defaults to a new temporary directory, removed on stop. */
  dir?: string;
  /** Build the binaries when they are missing (a cold build takes ~15 minutes). Defaults to false. */
  build?: boolean;
  /** Leave the processes running when this Node.js process exits (`cluster:up`). Defaults to false. */
  background?: boolean;
  /** How long startup may take. Defaults to 90 s. */
  timeoutMs?: number;
  /** `full` mode: also start metrics-server, VictoriaMetrics and Jaeger. Defaults to false. */
  telemetry?: boolean;
}

/** A running local control plane. */
export interface LocalCluster extends ClusterAccess {
  mode: ClusterMode;
  dir: string;
  kubeconfigPath: string;
  /** The file every pod's log is served from (kwok follows it); `full` mode only. */
  podLogFile: string;
  processes: SupervisedProcess[];
  /** Where the telemetry servers answer, when started with `telemetry: true`. */
  telemetry?: TelemetryEndpoints;
  /** A fresh client configuration for this cluster. */
  kubeConfig(): KubeConfig;
  /** Appends lines to every pod's log; followers see them at once. */
  appendPodLog(lines: string[]): Promise<void>;
  /** Stops the kube-apiserver by PID (an outage); etcd and the controllers keep running. */
  stopApiServer(): Promise<void>;
  /**
   * Starts the kube-apiserver again after {@link LocalCluster.stopApiServer}: same flags, port,
   * certificates and etcd, so clients reconnect to the same address and find every object.
   * Resolves once `/readyz` says ok, as at startup.
   */
  startApiServer(): Promise<void>;
  /** {@link LocalCluster.stopApiServer}, then {@link LocalCluster.startApiServer}. */
  restartApiServer(): Promise<void>;
  /** Its processes by name, for fault tests to kill and relaunch one (see processFaults.ts). */
  supervisor: ProcessSupervisor;
  /** Stops every process this cluster started, by PID, and removes a temporary directory. */
  stop(): Promise<void>;
}

/** The supervisor's name for the process the cluster restarts. */
const API_SERVER = 'kube-apiserver';

const running = new Set<{
  supervisor: ProcessSupervisor;
  dir: string;
  ownsDir: boolean;
}>();

/**
 * Starts a real Kubernetes control plane on 127.0.0.1: random free ports, a temporary
 * directory, generated certificates, token authentication and RBAC authorisation.
 */
export async function startLocalCluster(
  options: StartLocalClusterOptions = {},
): Promise<LocalCluster> {
  const mode = options.mode ?? 'api';
  const timeoutMs = options.timeoutMs ?? 90_000;
  const binaries = await locateBinaries({ build: options.build ?? false });
  // Located before anything starts: a missing server fails at once, not after the cluster.
  const telemetryBinaries =
    mode === 'full' && options.telemetry
      ? await locateTelemetryBinaries()
      : undefined;
  const ownsDir = !options.dir;
  const dir =
    options.dir ?? (await mkdtemp(join(tmpdir(), 'stagecraft-cluster-')));
  await mkdir(join(dir, 'logs'), { recursive: true });

  const supervisor = new ProcessSupervisor(join(dir, 'logs'));
  const entry = { supervisor, dir, ownsDir };
  running.add(entry);
  if (!options.background) installExitHandlers();

  const stop = async () => {
    running.delete(entry);
    await supervisor.stopAll();
    if (ownsDir) await rm(dir, { recursive: true, force: true });
  };

  try {
    const access = await startEtcdAndApiServer(
      binaries,
      dir,
      supervisor,
      timeoutMs,
    );
    const kubeconfigPath = join(dir, 'kubeconfig');
    await writeKubeconfig(kubeconfigPath, access);
    const podLogFile = join(dir, 'pod-logs.log');
    let telemetry: TelemetryEndpoints | undefined;
    await writeFile(
      podLogFile,
      podLogLine('stagecraft test cluster: pod log stream started'),
    );

    if (mode === 'full') {
      const kwokConfig = join(dir, 'kwok.yaml');
      // Usage and kubelet metrics emulation only when something reads them.
      await writeFile(
        kwokConfig,
        kwokConfigYaml(podLogFile) +
          (telemetryBinaries ? `---\n${kwokUsageYaml()}` : ''),
      );
      const { kwokPort } = await startControllers({
        binaries,
        dir,
        supervisor,
        access,
        kubeconfigPath,
        kwokConfig,
        nodes: options.nodes ?? 1,
        timeoutMs,
      });
      if (telemetryBinaries) {
        telemetry = await startTelemetry({
          binaries: telemetryBinaries,
          dir,
          supervisor,
          access,
          kubeconfigPath,
          kwokPort,
          nodes: options.nodes ?? 1,
          timeoutMs,
        });
      }
    }
    if (options.background) supervisor.detach();
    const stopApiServer = () => supervisor.stop(API_SERVER);
    const startApiServer = async () => {
      await supervisor.relaunch(API_SERVER);
      await waitUntilReady(access, supervisor, timeoutMs);
    };

    return {
      ...access,
      mode,
      dir,
      kubeconfigPath,
      podLogFile,
      ...(telemetry ? { telemetry } : {}),
      // A getter: a restarted kube-apiserver has a new PID.
      get processes() {
        return supervisor.processes;
      },
      kubeConfig: () => toKubeConfig(access),
      appendPodLog: lines =>
        appendFile(podLogFile, lines.map(line => podLogLine(line)).join('')),
      supervisor,
      stopApiServer,
      startApiServer,
      restartApiServer: async () => {
        await stopApiServer();
        await startApiServer();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function startEtcdAndApiServer(
  binaries: ControlPlaneBinaries,
  dir: string,
  supervisor: ProcessSupervisor,
  timeoutMs: number,
): Promise<ClusterAccess> {
  const certs = await createCertificates(dir);
  const token = randomBytes(24).toString('hex');
  const tokenFile = join(dir, 'tokens.csv');
  await writeFile(
    tokenFile,
    `${token},stagecraft-admin,stagecraft-admin,"system:masters"\n`,
    { mode: 0o600 },
  );
  const [etcdClient, etcdPeer, apiserverPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
  ]);

  supervisor.start(
    'etcd',
    binaries.etcd,
    etcdArgs(join(dir, 'etcd'), etcdClient, etcdPeer),
  );
  supervisor.start(
    API_SERVER,
    binaries.kubeApiserver,
    apiserverArgs({
      dir,
      certs,
      tokenFile,
      etcdClientPort: etcdClient,
      port: apiserverPort,
    }),
  );

  const access = {
    server: `https://127.0.0.1:${apiserverPort}`,
    caFile: certs.caCert,
    token,
  };
  await waitUntilReady(access, supervisor, timeoutMs);
  await waitFor(
    'the default namespace',
    () => namespaceExists(access, 'default'),
    { timeoutMs, abort: crashedComponent(supervisor) },
  );
  return access;
}

async function waitUntilReady(
  access: ClusterAccess,
  supervisor: ProcessSupervisor,
  timeoutMs: number,
): Promise<void> {
  await waitFor('kube-apiserver /readyz', () => isApiserverReady(access), {
    timeoutMs,
    abort: crashedComponent(supervisor),
  });
}

/** An `abort` probe for {@link waitFor}: the log tail of the first component that died. */
export function crashedComponent(supervisor: ProcessSupervisor) {
  return async () => {
    const dead = supervisor.exitedProcess();
    return dead
      ? `${dead.name} exited during startup:\n${await logTail(dead)}`
      : undefined;
  };
}

let exitHandlersInstalled = false;

/**
 * Makes sure nothing outlives the test run: on normal exit the processes are killed and the
 * temporary directories removed synchronously; on SIGINT/SIGTERM the clusters are stopped and
 * the process exits with the conventional code.
 */
function installExitHandlers() {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  process.once('exit', () => {
    for (const { supervisor, dir, ownsDir } of running) {
      supervisor.killAllNow();
      if (ownsDir) rmSync(dir, { recursive: true, force: true });
    }
  });
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      Promise.all([...running].map(r => r.supervisor.stopAll(1000))).finally(
        () => process.exit(code),
      );
    });
  }
}
