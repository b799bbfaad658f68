import { Worker } from 'node:worker_threads';

/**
 * Runs in the worker: the schema Backstage's root logger loads for itself (every package of
 * the workspace around the working directory and its dependencies, `config.d.ts` files
 * compiled with TypeScript), then Backstage's own secret enumerator over the config, so the
 * rule for what counts as a secret stays Backstage's. The secrets, the serialised schema (for a
 * later config change) and the log lines cross back.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { getPackages } = require(workerData.getPackages);
const { loadConfigSchema } = require(workerData.configLoader);
const { createConfigSecretEnumerator } = require(workerData.rootConfig);
const { ConfigReader } = require(workerData.config);
(async () => {
  const logs = [];
  const logger = {
    info: message => logs.push({ level: 'info', message }),
    warn: message => logs.push({ level: 'warn', message }),
  };
  const { packages } = await getPackages(workerData.dir);
  const schema = await loadConfigSchema({
    dependencies: packages.map(p => p.packageJson.name),
    onSchemaError: error => logger.warn(error.message),
  });
  const enumerate = await createConfigSecretEnumerator({
    logger,
    schema,
    dir: workerData.dir,
  });
  const secrets = enumerate(new ConfigReader(workerData.data));
  parentPort.postMessage({
    secrets: [...secrets],
    schema: schema.serialize(),
    logs,
  });
})().catch(error => parentPort.postMessage({ error: String(error?.stack ?? error) }));
`;

/** A line the worker would have logged, for the caller's logger. */
export interface WorkerLogLine {
  level: 'info' | 'warn';
  message: string;
}

/** What the worker found: the config's secrets, and the schema that says which they are. */
export interface ConfigSecrets {
  secrets: Set<string>;
  /** The schema, serialised: plain data, compiled only when the config changes. */
  schema: Record<string, unknown>;
}

/**
 * The secret values in `data` (an app-config, as `Config.getOptional()` gives it), for
 * redacting them from logs, found in a worker thread. Finding them needs the config schema,
 * and loading that compiles every `config.d.ts` of the workspace with the TypeScript
 * compiler: in the main thread that left TypeScript's modules and some 200 MB of V8 heap in
 * the backend for its whole life. Compiling the schema's validators (ajv) in the main thread
 * instead still blocked start-up for 1.2 s and kept the validators for the backend's life
 * (docs/benchmarks.md, "Memory of the real backend"). A worker's heap is returned when it
 * exits; the main thread receives the secrets and the schema as plain data, uncompiled.
 */
export async function findConfigSecretsInWorker(o: {
  data: object;
  dir?: string;
  log: (line: WorkerLogLine) => void;
}): Promise<ConfigSecrets> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      dir: o.dir ?? process.cwd(),
      data: o.data,
      getPackages: require.resolve('@manypkg/get-packages'),
      configLoader: require.resolve('@backstage/config-loader'),
      rootConfig: require.resolve('@backstage/backend-defaults/rootConfig'),
      config: require.resolve('@backstage/config'),
    },
  });
  const answer = await new Promise<{
    secrets?: string[];
    schema?: Record<string, unknown>;
    logs?: WorkerLogLine[];
    error?: string;
  }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', code =>
      reject(new Error(`config secrets worker exited with ${code}`)),
    );
  }).finally(() => worker.terminate());
  if (answer.error)
    throw new Error(`finding the config's secrets failed: ${answer.error}`);
  answer.logs?.forEach(o.log);
  return { secrets: new Set(answer.secrets), schema: answer.schema! };
}
