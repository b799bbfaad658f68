import type { LocalCluster } from '../control-plane/startLocalCluster';

/** Stops the cluster {@link ./globalSetup} started. */
export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as any).__stagecraftTestCluster as
    | LocalCluster
    | undefined;
  if (!cluster) return;
  const started = Date.now();
  await cluster.stop();
  process.stdout.write(
    `local Kubernetes stopped in ${Date.now() - started} ms\n`,
  );
}
