import { ChildProcess, fork } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  BackendProcessInput,
  BackendProcessMessage,
} from './backendProcess';

/** One sample of the backend process: memory in bytes, CPU time used since it started. */
export interface UsageSample {
  at: number;
  rss: number;
  heapUsed: number;
  cpuMicros: number;
}

/** The backend child process: its URL, its usage samples, and how to stop it. */
export interface BackendProcess {
  /** The plugin's base URL, `http://127.0.0.1:<port>/api/stagecraft`. */
  url: string;
  pid: number;
  /** The latest sample. */
  latest(): UsageSample;
  /** The samples taken from `since` (epoch ms) on. */
  samplesSince(since: number): UsageSample[];
  /** Runs a full garbage collection in the backend, then resolves with a fresh sample. */
  collectGarbage(): Promise<UsageSample>;
  /** SIGTERM by PID; resolves once it exited (SIGKILL after 10 s). */
  stop(): Promise<void>;
}

/** Samples kept: 250 ms apart, so about half an hour; older ones are dropped. */
const MAX_SAMPLES = 7200;
const START_TIMEOUT_MS = 180_000;

/**
 * Forks backendProcess.ts (with Backstage's TypeScript transform and --expose-gc) and resolves
 * once it serves HTTP and has run the catalog trigger.
 */
export async function startBackendProcess(
  input: BackendProcessInput,
): Promise<BackendProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'stagecraft-load-'));
  const inputFile = join(dir, 'input.json');
  await writeFile(inputFile, JSON.stringify(input), { mode: 0o600 });
  const child = fork(require.resolve('./backendProcess'), [inputFile], {
    execArgv: [
      '--expose-gc',
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      // LOAD_CPU_PROF=<dir>: a V8 CPU profile of the backend, written when it stops.
      ...(process.env.LOAD_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOAD_CPU_PROF}`]
        : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const samples: UsageSample[] = [];
  let gcWaiter: (() => void) | undefined;
  child.on('message', (message: BackendProcessMessage) => {
    if (message.type === 'usage') {
      samples.push(message);
      if (samples.length > MAX_SAMPLES) samples.shift();
    } else if (message.type === 'gc-done') gcWaiter?.();
  });
  try {
    const url = await ready(child);
    return {
      url,
      pid: child.pid!,
      latest: () => samples[samples.length - 1],
      samplesSince: since => samples.filter(s => s.at >= since),
      collectGarbage: () =>
        new Promise(resolve => {
          gcWaiter = () => {
            gcWaiter = undefined;
            resolve(samples[samples.length - 1]);
          };
          child.send('gc');
        }),
      stop: async () => {
        await stopChild(child);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

function ready(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the backend did not start within 180 s')),
      START_TIMEOUT_MS,
    );
    child.on('message', (message: BackendProcessMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message.url);
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`the backend exited with ${code} before it was ready`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
