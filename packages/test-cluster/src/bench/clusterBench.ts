/*
 * `yarn bench:cluster` — prints the figures of the local control plane: binary sizes, time to
 * a ready API server (api and full mode), time from creating a Deployment to its first Running
 * pod and to all replicas ready, peak memory (VmHWM) of each process, and time to stop.
 * Measurements only: nothing here asserts a threshold.
 */
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { locateBinaries } from '../control-plane/binaries';
import { startLocalCluster } from '../control-plane/startLocalCluster';
import { waitFor } from '../control-plane/waitFor';

const REPLICAS = 20;

async function peakRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return Math.round(kib / 1024);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const binaries = await locateBinaries({ build: false });
  console.log(`binaries: ${binaries.dir}`);
  for (const name of [
    'kube-apiserver',
    'kube-controller-manager',
    'kube-scheduler',
    'etcd',
    'kwok',
  ]) {
    const { size } = await stat(join(binaries.dir, name));
    console.log(
      `  ${name.padEnd(24)} ${(size / 2 ** 20).toFixed(0).padStart(4)} MiB`,
    );
  }

  let t = Date.now();
  const api = await startLocalCluster({ mode: 'api' });
  console.log(`api mode ready:            ${seconds(Date.now() - t)}`);
  t = Date.now();
  await api.stop();
  console.log(`api mode stopped:          ${seconds(Date.now() - t)}`);

  t = Date.now();
  const cluster = await startLocalCluster({ mode: 'full', nodes: 2 });
  console.log(`full mode ready:           ${seconds(Date.now() - t)}`);
  try {
    const kc = cluster.kubeConfig();
    const apps = kc.makeApiClient(AppsV1Api);
    const core = kc.makeApiClient(CoreV1Api);
    t = Date.now();
    await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        metadata: { name: 'bench' },
        spec: {
          replicas: REPLICAS,
          selector: { matchLabels: { app: 'bench' } },
          template: {
            metadata: { labels: { app: 'bench' } },
            spec: {
              containers: [{ name: 'app', image: 'registry.example/bench:1' }],
            },
          },
        },
      },
    });
    await waitFor(
      'a Running pod',
      async () => {
        const pods = await core.listNamespacedPod({
          namespace: 'default',
          labelSelector: 'app=bench',
        });
        return pods.items.some(p => p.status?.phase === 'Running');
      },
      { timeoutMs: 60_000, intervalMs: 50 },
    );
    console.log(
      `first Running pod:         ${seconds(
        Date.now() - t,
      )} after creating the Deployment`,
    );
    await waitFor(
      'all replicas ready',
      async () => {
        const d = await apps.readNamespacedDeployment({
          name: 'bench',
          namespace: 'default',
        });
        return d.status?.readyReplicas === REPLICAS;
      },
      { timeoutMs: 120_000, intervalMs: 50 },
    );
    console.log(
      `${REPLICAS} replicas ready:         ${seconds(Date.now() - t)}`,
    );

    let total = 0;
    console.log('peak memory (VmHWM):');
    for (const p of cluster.processes) {
      const mib = await peakRssMiB(p.pid);
      total += mib;
      console.log(`  ${p.name.padEnd(24)} ${String(mib).padStart(4)} MiB`);
    }
    console.log(`  ${'total'.padEnd(24)} ${String(total).padStart(4)} MiB`);
  } finally {
    t = Date.now();
    await cluster.stop();
    console.log(`full mode stopped:         ${seconds(Date.now() - t)}`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
