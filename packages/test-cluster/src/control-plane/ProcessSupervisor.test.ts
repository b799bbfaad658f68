import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, ProcessSupervisor, stopPids } from './ProcessSupervisor';
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

  describe('a process that may be relaunched after a panic', () => {
    /**
     * Exits with `status` on its first `times` starts (a count kept in a file), as a Go
     * program exits with 2 on a panic, then stays up.
     */
    const failing = (counter: string, times: number, status = 2) => [
      '-e',
      `const fs = require('fs'); const n = fs.existsSync(${JSON.stringify(
        counter,
      )}) ? Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) : 0;
      fs.writeFileSync(${JSON.stringify(counter)}, String(n + 1));
      console.log('start ' + (n + 1));
      if (n < ${times}) process.exit(${status});
      setInterval(() => {}, 1 << 30);`,
    ];
    const quickly = { timeoutMs: 10_000, intervalMs: 20 };
    let counter: string;
    beforeEach(() => {
      counter = join(dir, 'flaky.count');
    });
    const starts = async () =>
      Number(await readFile(counter, 'utf8').catch(() => '0'));
    /** Long enough for another start, had one been made. */
    const noMoreStarts = () => new Promise(resolve => setTimeout(resolve, 500));

    it('is started again after each panic, as often as allowed, with each noted in its log', async () => {
      supervisor.start('flaky', process.execPath, failing(counter, 2), {
        relaunchesAfterPanic: 2,
      });

      const logFile = join(dir, 'flaky.log');
      // The log, not the counter: the counter is written before the line is.
      await waitFor(
        'the third start to stay up',
        async () => {
          const log = await readFile(logFile, 'utf8');
          return log.includes('start 3') && isAlive(pidOf('flaky'));
        },
        quickly,
      );
      expect(supervisor.exitedProcess()).toBeUndefined();
      expect(await starts()).toBe(3);
      expect(await readFile(logFile, 'utf8')).toContain(
        'flaky exited with status 2 (a Go panic); starting it again (1 more time(s) after this)',
      );
    });

    it('stays down once its relaunches are spent', async () => {
      supervisor.start('flaky', process.execPath, failing(counter, 2), {
        relaunchesAfterPanic: 1,
      });

      await waitFor(
        'the relaunched process to panic too',
        async () =>
          (await starts()) === 2 &&
          supervisor.exitedProcess()?.name === 'flaky',
        quickly,
      );
      await noMoreStarts();
      expect(await starts()).toBe(2);
    });

    it('stays down after an exit with another status', async () => {
      supervisor.start('flaky', process.execPath, failing(counter, 1, 1), {
        relaunchesAfterPanic: 3,
      });

      await waitFor(
        'the process to exit',
        async () => supervisor.exitedProcess()?.name === 'flaky',
        quickly,
      );
      await noMoreStarts();
      expect(await starts()).toBe(1);
    });

    it('is not started again when the supervisor stops it', async () => {
      supervisor.start('kept', process.execPath, idle, {
        relaunchesAfterPanic: 3,
      });
      const pid = pidOf('kept');

      await supervisor.stop('kept');
      await noMoreStarts();

      expect(isAlive(pid)).toBe(false);
      expect(pidOf('kept')).toBe(pid);
      expect(supervisor.exitedProcess()?.name).toBe('kept');
    });

    it('is not started again when it panics while stopAll stops a newer process', async () => {
      // 'flaky' panics once 'newer', which stopAll stops first, has gone.
      const gone = join(dir, 'newer.gone');
      supervisor.start(
        'flaky',
        process.execPath,
        [
          '-e',
          `const fs = require('fs');
          process.on('SIGTERM', () => {});
          setInterval(() => fs.existsSync(${JSON.stringify(
            gone,
          )}) && process.exit(2), 10);
          fs.appendFileSync(${JSON.stringify(counter)}, '1');`,
        ],
        { relaunchesAfterPanic: 3 },
      );
      supervisor.start('newer', process.execPath, [
        '-e',
        `process.on('SIGTERM', () => { require('fs').writeFileSync(${JSON.stringify(
          gone,
        )}, ''); setTimeout(() => process.exit(0), 200); });
        console.log('up'); setInterval(() => {}, 1 << 30);`,
      ]);
      await waitFor(
        'both to be up, their signal handlers set',
        async () =>
          (await starts()) === 1 &&
          (await readFile(join(dir, 'newer.log'), 'utf8')) === 'up\n',
        quickly,
      );

      await supervisor.stopAll();
      await noMoreStarts();

      expect(await readFile(counter, 'utf8')).toBe('1');
      expect(supervisor.processes.filter(p => isAlive(p.pid))).toEqual([]);
    });

    it('is not started again when another process stops it by PID (`cluster down`)', async () => {
      supervisor.start('kept', process.execPath, idle, {
        relaunchesAfterPanic: 3,
      });
      const pid = pidOf('kept');

      await stopPids([pid]);
      await noMoreStarts();

      expect(pidOf('kept')).toBe(pid);
      expect(supervisor.exitedProcess()?.name).toBe('kept');
    });
  });

  it('refuses a name it never started', async () => {
    await expect(supervisor.relaunch('third')).rejects.toThrow(
      'no process named third was started',
    );
  });
});
