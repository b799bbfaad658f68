import { ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** How the supervisor treats one process. */
export interface SupervisionOptions {
  /**
   * How many times to start a Go program again after it panicked: exited by itself with status
   * 2, which Go gives a panic or fatal runtime error. Only for stateless processes that a known
   * upstream bug can crash (kwok), so one crash does not fail a whole test run; the panic stays
   * in the log, above a line that says so. A process ended by a signal (the supervisor's own,
   * `cluster down`'s by PID, the OOM killer's) or with another status is left down.
   */
  relaunchesAfterPanic?: number;
}

/** The exit status of a Go program that panicked or hit a fatal runtime error. */
const GO_PANIC_STATUS = 2;

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
  /** In start order; a relaunched process keeps its place, so stopAll's order holds. */
  private readonly children: Child[] = [];

  constructor(private readonly logDir: string) {}

  get processes(): SupervisedProcess[] {
    return this.children.map(c => c.info);
  }

  start(
    name: string,
    command: string,
    args: string[],
    options: SupervisionOptions = {},
  ): SupervisedProcess {
    const child = this.spawn(name, command, args, options);
    this.children.push(child);
    return child.info;
  }

  /**
   * Stops one process as {@link ProcessSupervisor.stopAll} does, and keeps it on record:
   * {@link ProcessSupervisor.relaunch} starts it again.
   */
  async stop(name: string, graceMs = 5000): Promise<void> {
    await terminate(this.child(name), graceMs);
  }

  /**
   * Starts a process again with the command and arguments it was first started with, stopping
   * it first if it still runs. From then on its new PID is the one stopped and killed.
   */
  async relaunch(name: string, graceMs = 5000): Promise<SupervisedProcess> {
    const old = this.child(name);
    await terminate(old, graceMs);
    return this.replace(old, old.options).info;
  }

  /** Lets the processes outlive this Node.js process (for `cluster up`). */
  detach(): void {
    for (const { child } of this.children) child.unref();
  }

  /** The first process that has exited, if any: startup checks this to fail fast. */
  exitedProcess(): SupervisedProcess | undefined {
    return this.children.find(c => !isRunning(c.child))?.info;
  }

  /** Stops every process, newest first: SIGTERM, then SIGKILL after `graceMs`. */
  async stopAll(graceMs = 5000): Promise<void> {
    // All marked first: one that panics while a newer one is being stopped (kwok losing its
    // API server) must stay down, not come back behind the loop.
    for (const child of this.children) child.stopping = true;
    for (const child of [...this.children].reverse()) {
      await terminate(child, graceMs);
    }
  }

  /** Synchronous last resort for process exit handlers, where nothing async can run. */
  killAllNow(): void {
    for (const record of this.children) {
      record.stopping = true;
      if (isRunning(record.child)) record.child.kill('SIGKILL');
    }
  }

  private child(name: string): Child {
    const found = this.children.find(c => c.info.name === name);
    if (!found) throw new Error(`no process named ${name} was started`);
    return found;
  }

  private replace(old: Child, options: SupervisionOptions): Child {
    const fresh = this.spawn(old.info.name, old.command, old.args, options);
    this.children[this.children.indexOf(old)] = fresh;
    return fresh;
  }

  /** Starts a panicked process again while it has relaunches left (see SupervisionOptions). */
  private afterExit(child: Child): void {
    const left = child.options.relaunchesAfterPanic ?? 0;
    const panicked = child.child.exitCode === GO_PANIC_STATUS;
    if (!panicked || child.stopping || left <= 0) return;
    if (!this.children.includes(child)) return;
    appendFileSync(
      child.info.logFile,
      `\n[supervisor] ${
        child.info.name
      } exited with status ${GO_PANIC_STATUS} (a Go panic); starting it again (${
        left - 1
      } more time(s) after this)\n`,
    );
    this.replace(child, { ...child.options, relaunchesAfterPanic: left - 1 });
  }

  private spawn(
    name: string,
    command: string,
    args: string[],
    options: SupervisionOptions,
  ): Child {
    const logFile = join(this.logDir, `${name}.log`);
    // The process writes to the file itself (no pipe through us), so it keeps logging after
    // this Node.js process exits in background mode. A relaunch appends to the same log.
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
    const record: Child = {
      info: { name, pid: child.pid, logFile },
      command,
      args,
      options,
      child,
      exited,
      stopping: false,
    };
    exited.then(() => this.afterExit(record));
    return record;
  }
}

interface Child {
  info: SupervisedProcess;
  command: string;
  args: string[];
  options: SupervisionOptions;
  child: ChildProcess;
  exited: Promise<void>;
  /** Set when the supervisor itself ends the process: never relaunched. */
  stopping: boolean;
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
async function terminate(record: Child, graceMs: number): Promise<void> {
  const { child, exited } = record;
  record.stopping = true;
  if (!isRunning(child)) return;
  child.kill('SIGTERM');
  if (!(await settlesWithin(exited, graceMs))) {
    child.kill('SIGKILL');
    await exited;
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
