import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClusterAccess } from '../control-plane/kubeconfig';
import type { TelemetryEndpoints } from '../control-plane/startTelemetry';

/** One of the demo's clusters. */
export interface DemoCluster extends ClusterAccess {
  dir: string;
  kubeconfigPath: string;
  podLogFile: string;
  telemetry?: TelemetryEndpoints;
}

/**
 * What `cluster:up` records so that `cluster:down` (another process) can stop the clusters:
 * the first cluster (target `local`: dev and staging) at the top level, the production
 * cluster under `production` (absent in a state from before there were two), and every
 * process of both.
 */
export interface DemoState extends DemoCluster {
  processes: { name: string; pid: number }[];
  production?: DemoCluster;
}

const stateFile = (dir: string) => join(dir, 'state.json');

export async function readDemoState(
  dir: string,
): Promise<DemoState | undefined> {
  const text = await readFile(stateFile(dir), 'utf8').catch(() => undefined);
  return text ? (JSON.parse(text) as DemoState) : undefined;
}

export async function writeDemoState(state: DemoState): Promise<void> {
  await writeFile(stateFile(state.dir), `${JSON.stringify(state, null, 2)}\n`, {
    mode: 0o600,
  });
}

export async function removeDemoState(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
