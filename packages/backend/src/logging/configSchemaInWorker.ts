import { ConfigSchema, loadConfigSchema } from '@backstage/config-loader';
import { Worker } from 'node:worker_threads';

/**
 * Runs in the worker: the same schema Backstage's root logger loads for itself (every package
 * of the workspace around the working directory and its dependencies, `config.d.ts` files
 * compiled with TypeScript), sent back serialized.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { getPackages } = require(workerData.getPackages);
const { loadConfigSchema } = require(workerData.configLoader);
(async () => {
  const warnings = [];
  const { packages } = await getPackages(workerData.dir);
  const schema = await loadConfigSchema({
    dependencies: packages.map(p => p.packageJson.name),
    onSchemaError: error => warnings.push(error.message),
  });
  parentPort.postMessage({ serialized: schema.serialize(), warnings });
})().catch(error => parentPort.postMessage({ error: String(error?.stack ?? error) }));
`;

/**
 * The app-config schema of this backend, for redacting secrets from logs, loaded in a worker
 * thread. Loading it compiles every `config.d.ts` of the workspace with the TypeScript
 * compiler; in the main thread that left TypeScript's modules and some 200 MB of V8 heap in
 * the backend for its whole life (docs/benchmarks.md, "Memory of the real backend"). A
 * worker's heap is returned when it exits; only the serialized schema crosses over.
 */
export async function loadConfigSchemaInWorker(o: {
  dir?: string;
  onSchemaError: (message: string) => void;
}): Promise<ConfigSchema> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      dir: o.dir ?? process.cwd(),
      getPackages: require.resolve('@manypkg/get-packages'),
      configLoader: require.resolve('@backstage/config-loader'),
    },
  });
  const answer = await new Promise<{
    serialized?: Record<string, unknown>;
    warnings?: string[];
    error?: string;
  }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', code =>
      reject(new Error(`config schema worker exited with ${code}`)),
    );
  }).finally(() => worker.terminate());
  if (answer.error)
    throw new Error(`loading the config schema failed: ${answer.error}`);
  answer.warnings?.forEach(o.onSchemaError);
  return loadConfigSchema({ serialized: answer.serialized! as any });
}
