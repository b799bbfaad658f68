import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** Ports the end-to-end app uses, apart from `yarn start`'s 3000/7007 so both can run at once. */
export const E2E_APP_PORT = 3100;
export const E2E_BACKEND_PORT = 7100;

export interface StartedApp {
  baseUrl: string;
  backendUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the Backstage app and backend (`yarn start`) with an overlay config: other ports, an
 * in-memory database, and `extraConfig` (e.g. the test cluster as data-plane target). The
 * processes get their own process group, which `stop` ends by its PID.
 */
export async function startApp(o: {
  repoRoot: string;
  artifactsDir: string;
  extraConfig?: object;
  timeoutMs?: number;
}): Promise<StartedApp> {
  const baseUrl = `http://localhost:${E2E_APP_PORT}`;
  const backendUrl = `http://localhost:${E2E_BACKEND_PORT}`;
  await mkdir(o.artifactsDir, { recursive: true });
  const overlay = join(o.artifactsDir, 'app-config.e2e.yaml');
  await writeFile(
    overlay,
    stringify({
      ...o.extraConfig,
      app: { baseUrl },
      backend: {
        baseUrl: backendUrl,
        listen: { port: E2E_BACKEND_PORT, host: '127.0.0.1' },
        cors: { origin: baseUrl },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
    }),
  );

  const logFile = join(o.artifactsDir, 'app.log');
  const log = openSync(logFile, 'w');
  const child = spawn(
    'yarn',
    [
      'start',
      '--config',
      join(o.repoRoot, 'app-config.yaml'),
      '--config',
      overlay,
    ],
    {
      cwd: o.repoRoot,
      detached: true,
      stdio: ['ignore', log, log],
      // Jest sets NODE_ENV=test, which the frontend build's browserslist cannot resolve.
      env: { ...process.env, NODE_ENV: 'development', BROWSER: 'none' },
    },
  );
  closeSync(log);

  const stop = () => stopGroup(child);
  try {
    await waitForHttp(
      `${backendUrl}/.backstage/health/v1/readiness`,
      child,
      logFile,
      o.timeoutMs ?? 300_000,
    );
    await waitForHttp(baseUrl, child, logFile, o.timeoutMs ?? 300_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, backendUrl, logFile, stop };
}

async function waitForHttp(
  url: string,
  child: ChildProcess,
  logFile: string,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(
        `yarn start exited with ${child.exitCode} before ${url} answered; see ${logFile}`,
      );
    }
    const ok = await fetch(url).then(
      r => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise(r => setTimeout(r, 1000));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${url}; see ${logFile}`,
  );
}

/** Ends the process group `yarn start` leads (frontend and backend dev servers). */
async function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}
