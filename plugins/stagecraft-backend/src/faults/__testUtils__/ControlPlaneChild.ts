import { ChildProcess, spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type {
  ChildEvent,
  ControlPlaneProcessSettings,
} from './controlPlaneProcess';

const SCRIPT = join(__dirname, 'controlPlaneProcess.ts');
const started = new Set<ControlPlaneChild>();

/**
 * The parent's handle on a control plane running in a child process (controlPlaneProcess.ts):
 * its events as they arrive, and SIGKILL or SIGTERM by PID. Every child a test file started is
 * killed when the file's process exits, so a failed test leaves none behind.
 */
export class ControlPlaneChild {
  readonly events: ChildEvent[] = [];
  private readonly arrivals = new Map<ChildEvent, number>();
  readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly name: string,
  ) {
    // 'close', not 'exit': every line the child wrote before it died has been read by then.
    this.exited = new Promise(resolve => child.once('close', () => resolve()));
    createInterface({ input: child.stdout! }).on('line', line => {
      let event: ChildEvent;
      try {
        event = JSON.parse(line);
      } catch {
        event = { event: 'log', level: 'stdout', message: line };
      }
      this.events.push(event);
      this.arrivals.set(event, Date.now());
    });
    let stderr = '';
    child.stderr!.on('data', chunk => (stderr += chunk));
    child.once('exit', code => {
      if (code && code !== 0)
        this.events.push({ event: 'log', level: 'exit', message: stderr });
    });
  }

  /** Starts a child with `settings` and resolves once its control plane is started. */
  static async start(
    name: string,
    dir: string,
    settings: ControlPlaneProcessSettings,
  ): Promise<ControlPlaneChild> {
    const settingsFile = join(dir, `${name}.json`);
    await writeFile(settingsFile, JSON.stringify(settings));
    const child = spawn(
      process.execPath,
      [
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        SCRIPT,
        settingsFile,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const handle = new ControlPlaneChild(child, name);
    started.add(handle);
    await handle.waitFor(e => e.event === 'ready', 60_000, 'to start');
    return handle;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get holder(): string {
    const ready = this.events.find(e => e.event === 'ready');
    return ready && 'holder' in ready ? ready.holder : '';
  }

  /** When the parent read `event` (epoch ms). */
  arrivedAt(event: ChildEvent): number {
    return this.arrivals.get(event) ?? NaN;
  }

  /** Warnings and errors the child logged. */
  problems(): string[] {
    return this.events.flatMap(e =>
      e.event === 'log' && e.level !== 'info'
        ? [`${e.level}: ${e.message}`]
        : [],
    );
  }

  /**
   * Resolves with the first event (seen or still to come) that `accept` takes. Polls every
   * 10 ms: quick enough to kill a child while the reconcile it announced is still applying.
   */
  async waitFor(
    accept: (event: ChildEvent) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<ChildEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(accept);
      if (found) return found;
      if (!this.running())
        throw new Error(
          `${this.name} exited while waiting ${what}: ${this.problems().join(
            '\n',
          )}`,
        );
      if (Date.now() > deadline)
        throw new Error(`${this.name}: timed out waiting ${what}`);
      await new Promise(r => setTimeout(r, 10));
    }
  }

  /**
   * Waits for the next reconcile of a deployment this child has not finished yet — its first
   * apply, which creates objects and so lasts long enough to be cut by a kill.
   */
  async nextFirstReconcile(timeoutMs: number): Promise<void> {
    const from = this.events.length;
    const finished = (key: string) =>
      this.events.some(e => e.event === 'finished' && e.key === key);
    await this.waitFor(
      e =>
        e.event === 'started' &&
        this.events.indexOf(e) >= from &&
        !finished(e.key),
      timeoutMs,
      'for a first reconcile to start',
    );
  }

  /** SIGKILL: no shutdown hook runs, leases stay held, requests in flight are cut. */
  async kill(): Promise<void> {
    if (this.running()) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the graceful stop the backend's shutdown hook does. */
  async stop(): Promise<void> {
    if (this.running()) this.child.kill('SIGTERM');
    await this.exited;
  }

  /** Synchronous SIGKILL, for the exit handler where nothing async runs. */
  killNow(): void {
    if (this.running()) this.child.kill('SIGKILL');
  }

  private running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

process.once('exit', () => {
  for (const handle of started) handle.killNow();
});

/** Kills every child still running (afterAll). */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...started].map(c => c.kill()));
}
