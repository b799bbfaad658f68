import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';

export interface BackendProcess {
  pid: number;
  baseUrl: string;
  logFile: string;
  /** Whether the process has exited (it should not, before {@link BackendProcess.stop}). */
  exited(): boolean;
  /** SIGTERM to this process (by its PID), SIGKILL after 15 s; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts packages/backend as its own Node process: plain `node` with no file watcher, no IPC
 * channel and no `--enable-source-maps` (which `backstage-cli package start` adds, and which
 * makes Node keep the parsed source map of every module it loads). Two ways:
 * - `built` (as production runs it): the built bundle unpacked by prepareBuiltBackend
 *   (builtBackend.ts), `node .` in its packages/backend: rollup output, no TypeScript loader;
 * - otherwise (dev): src/index.ts with `@backstage/cli/config/nodeTransform.cjs` (SWC), the
 *   workspace's packages transpiled as they load.
 * Either way the working directory is a packages/backend, so app-config.yaml's relative paths
 * mean the same.
 */
export async function startBackendProcess(o: {
  repoRoot: string;
  configPaths: string[];
  port: number;
  logDir: string;
  nodeArgs?: string[];
  /** Added to this process's environment for the backend. */
  env?: Record<string, string>;
  /** packages/backend of the unpacked built bundle; unset: the repository's, from source. */
  builtBackendDir?: string;
  timeoutMs: number;
}): Promise<BackendProcess> {
  const backendDir = o.builtBackendDir ?? join(o.repoRoot, 'packages/backend');
  const entry = o.builtBackendDir
    ? ['.']
    : [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        'src/index.ts',
      ];
  const logFile = join(o.logDir, 'backend.log');
  mkdirSync(memoryUsageDir(o.logDir), { recursive: true });
  const log = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      ...(o.nodeArgs ?? []),
      '--require',
      require.resolve('./memoryUsageReporter.cjs'),
      ...entry,
      ...o.configPaths.flatMap(path => ['--config', path]),
    ],
    {
      cwd: backendDir,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        ...o.env,
        NODE_ENV: 'production',
        STAGECRAFT_BENCH_MEMORY_DIR: memoryUsageDir(o.logDir),
      },
    },
  );
  closeSync(log);
  if (child.pid === undefined) throw new Error('the backend did not start');
  const baseUrl = `http://127.0.0.1:${o.port}`;
  const backend: BackendProcess = {
    pid: child.pid,
    baseUrl,
    logFile,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    stop: () => stopProcess(child),
  };
  try {
    await waitForReady(backend, o.timeoutMs);
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return backend;
}

/** Where memoryUsageReporter.cjs, preloaded into the backend, writes each thread's readings. */
export function memoryUsageDir(logDir: string) {
  return join(logDir, 'memory-usage');
}

async function waitForReady(backend: BackendProcess, timeoutMs: number) {
  const url = `${backend.baseUrl}/.backstage/health/v1/readiness`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (backend.exited())
      throw new Error(
        `the backend exited before ${url} answered; see ${backend.logFile}`,
      );
    const ok = await fetch(url).then(
      r => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `the backend was not ready within ${timeoutMs} ms; see ${backend.logFile}`,
  );
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** The backend process ended while the bench waited for it. */
export class BackendExited extends Error {
  constructor(logFile: string) {
    super(`the backend exited; see ${logFile}`);
  }
}
/** Whether a wait should stop at once: the backend is gone. */
export const isExit = (error: Error) => error instanceof BackendExited;
