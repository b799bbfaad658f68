import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, ProcessSupervisor } from './ProcessSupervisor';
import { waitFor } from './waitFor';

/** A process that logs its start and then waits to be stopped. */
const idle = ['-e', 'console.log("up"); setInterval(() => {}, 1 << 30)'];

describe('ProcessSupervisor', () => {
  let dir: string;
  let supervisor: ProcessSupervisor;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'supervisor-'));
    supervisor = new ProcessSupervisor(dir);
    supervisor.start('first', process.execPath, idle);
    supervisor.start('second', process.execPath, idle);
  });
  afterEach(async () => {
    await supervisor.stopAll();
    await rm(dir, { recursive: true, force: true });
  });

  const pidOf = (name: string) =>
    supervisor.processes.find(p => p.name === name)!.pid;

  it('stops one process by name and keeps the others running', async () => {
    const [first, second] = supervisor.processes.map(p => p.pid);

    await supervisor.stop('first');

    expect(isAlive(first)).toBe(false);
    expect(isAlive(second)).toBe(true);
    expect(supervisor.exitedProcess()?.name).toBe('first');
  });

  it('relaunches a process in its place, with its command, and stops the new PID with the rest', async () => {
    const old = pidOf('first');

    const relaunched = await supervisor.relaunch('first');

    expect(isAlive(old)).toBe(false);
    expect(relaunched.pid).not.toBe(old);
    expect(supervisor.processes.map(p => [p.name, p.pid])).toEqual([
      ['first', relaunched.pid],
      ['second', pidOf('second')],
    ]);
    const pids = supervisor.processes.map(p => p.pid);
    expect(pids.every(isAlive)).toBe(true);
    await supervisor.stopAll();
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('starts a stopped process again, appending to its log', async () => {
    const { logFile } = supervisor.processes[0];
    const logged = (text: string) =>
      waitFor(
        `${logFile} to read ${JSON.stringify(text)}`,
        async () => (await readFile(logFile, 'utf8')) === text,
        { timeoutMs: 10_000, intervalMs: 20 },
      );
    await logged('up\n');
    await supervisor.stop('first');

    const relaunched = await supervisor.relaunch('first');

    expect(isAlive(relaunched.pid)).toBe(true);
    expect(supervisor.exitedProcess()).toBeUndefined();
    expect(relaunched.logFile).toBe(logFile);
    await logged('up\nup\n');
  });

  it('refuses a name it never started', async () => {
    await expect(supervisor.relaunch('third')).rejects.toThrow(
      'no process named third was started',
    );
  });
});
