import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One process the supervisor started. */
export interface SupervisedProcess {
  name: string;
  pid: number;
  logFile: string;
}

/**
 * Starts the cluster's processes and stops exactly those, by PID. Each process gets its own
 * process group (so a Ctrl-C in the terminal reaches us, not it) and a log file.
 */
export class ProcessSupervisor {
  private readonly children: {
    info: SupervisedProcess;
    child: ChildProcess;
    exited: Promise<void>;
  }[] = [];

  constructor(private readonly logDir: string) {}

  get processes(): SupervisedProcess[] {
    return this.children.map(c => c.info);
  }

  start(name: string, command: string, args: string[]): SupervisedProcess {
    const logFile = join(this.logDir, `${name}.log`);
    // The process writes to the file itself (no pipe through us), so it keeps logging after
    // this Node.js process exits in background mode.
    const log = openSync(logFile, 'a');
    const child = spawn(command, args, {
      detached: true,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    if (child.pid === undefined) {
      throw new Error(`${name}: failed to start ${command}`);
    }
    const exited = new Promise<void>(resolve =>
      child.once('exit', () => resolve()),
    );
    const info = { name, pid: child.pid, logFile };
    this.children.push({ info, child, exited });
    return info;
  }

  /** Lets the processes outlive this Node.js process (for `cluster up`). */
  detach(): void {
    for (const { child } of this.children) child.unref();
  }

  /** The first process that has exited, if any: startup checks this to fail fast. */
  exitedProcess(): SupervisedProcess | undefined {
    return this.children.find(
      c => c.child.exitCode !== null || c.child.signalCode !== null,
    )?.info;
  }

  /** Stops every process, newest first: SIGTERM, then SIGKILL after `graceMs`. */
  async stopAll(graceMs = 5000): Promise<void> {
    for (const { child, exited } of [...this.children].reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      child.kill('SIGTERM');
      if (!(await settlesWithin(exited, graceMs))) {
        child.kill('SIGKILL');
        await exited;
      }
    }
  }

  /** Synchronous last resort for process exit handlers, where nothing async can run. */
  killAllNow(): void {
    for (const { child } of this.children) {
      if (child.exitCode === null && child.signalCode === null)
        child.kill('SIGKILL');
    }
  }
}

/** The last lines of a process log, for error messages. */
export async function logTail(
  process: SupervisedProcess,
  lines = 15,
): Promise<string> {
  const text = await readFile(process.logFile, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Stops processes started by another Node.js process (`cluster down`), by PID. */
export async function stopPids(pids: number[], graceMs = 5000): Promise<void> {
  for (const pid of [...pids].reverse()) {
    if (!isAlive(pid)) continue;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await delay(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/** Resolves to true when `promise` settles within `ms`, false otherwise; leaves no timer behind. */
async function settlesWithin(
  promise: Promise<unknown>,
  ms: number,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>(resolve => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
