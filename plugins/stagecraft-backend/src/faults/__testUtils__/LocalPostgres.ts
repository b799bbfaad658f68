import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, closeSync, openSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';

/** Servers still running when the test process exits (a failed test) are stopped, by PID. */
const runningServers = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of runningServers) child.kill('SIGQUIT');
});

/**
 * A PostgreSQL server of a fault test's own: `initdb` into a temporary directory and
 * `postgres` on a free port of 127.0.0.1, from the binaries .ci/run installs (Debian's
 * /usr/lib/postgresql/<version>/bin). The shared server other tests use is never touched.
 * PostgreSQL refuses to run as root; as root the server runs as the `postgres` user.
 */
export class LocalPostgres {
  private process?: { child: ChildProcess; exited: Promise<void> };

  private constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly port: number,
    private readonly user?: { uid: number; gid: number },
  ) {}

  /** The knex `connection` of the `postgres` database (trust authentication, loopback only). */
  get connection() {
    return {
      host: '127.0.0.1',
      port: this.port,
      user: 'postgres',
      database: 'postgres',
    };
  }

  static async start(): Promise<LocalPostgres> {
    const bin = postgresBinaries();
    const dir = await mkdtemp(join(tmpdir(), 'stagecraft-pg-'));
    const user = process.getuid?.() === 0 ? postgresUser() : undefined;
    if (user) chownSync(dir, user.uid, user.gid);
    const pg = new LocalPostgres(bin, dir, await freePort(), user);
    await pg.run('initdb', [
      '-D',
      join(dir, 'data'),
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
    ]);
    await pg.startServer();
    return pg;
  }

  /** Starts the server (again), on the same port and data directory; resolves once it answers. */
  async startServer(timeoutMs = 60_000): Promise<void> {
    const log = openSync(join(this.dir, 'postgres.log'), 'a');
    if (this.user)
      chownSync(join(this.dir, 'postgres.log'), this.user.uid, this.user.gid);
    const child = spawn(
      join(this.bin, 'postgres'),
      // The socket in the test's directory, not the system's /var/run/postgresql.
      [
        '-D',
        join(this.dir, 'data'),
        '-h',
        '127.0.0.1',
        '-p',
        String(this.port),
        '-k',
        this.dir,
      ],
      { stdio: ['ignore', log, log], ...this.user },
    );
    closeSync(log);
    const exited = new Promise<void>(resolve =>
      child.once('exit', () => resolve()),
    );
    this.process = { child, exited };
    runningServers.add(child);
    child.once('exit', () => runningServers.delete(child));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`postgres exited at start:\n${await this.logTail()}`);
      // Through knex's pg client, the driver the backend uses.
      const probe = knexFactory({
        client: 'pg',
        connection: this.connection,
        log: { warn: () => {}, error: () => {} },
      });
      try {
        await probe.raw('select 1');
        return;
      } catch (error) {
        if (Date.now() > deadline)
          throw new Error(
            `postgres did not answer: ${error}\n${await this.logTail()}`,
          );
        await new Promise(r => setTimeout(r, 100));
      } finally {
        await probe.destroy();
      }
    }
  }

  /**
   * Stops the server by PID. `immediate` (SIGQUIT) is the crash-like stop: connections are cut
   * and the next start runs crash recovery; `fast` (SIGINT) rolls back and shuts down cleanly.
   */
  async stopServer(mode: 'immediate' | 'fast' = 'immediate'): Promise<void> {
    const running = this.process;
    if (!running || running.child.exitCode !== null) return;
    running.child.kill(mode === 'immediate' ? 'SIGQUIT' : 'SIGINT');
    await running.exited;
  }

  /** Stops the server and removes its directory. */
  async destroy(): Promise<void> {
    await this.stopServer('fast');
    await rm(this.dir, { recursive: true, force: true });
  }

  private async logTail(): Promise<string> {
    const text = await readFile(join(this.dir, 'postgres.log'), 'utf8').catch(
      () => '',
    );
    return text.trimEnd().split('\n').slice(-15).join('\n');
  }

  private run(tool: string, args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(join(this.bin, tool), args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        ...this.user,
      });
      let stderr = '';
      child.stderr!.on('data', chunk => (stderr += chunk));
      child.once('error', reject);
      child.once('exit', code =>
        code === 0
          ? resolve()
          : reject(new Error(`${tool} failed (${code}): ${stderr}`)),
      );
    });
  }
}

/** The newest installed PostgreSQL's bin directory (Debian layout; PG_BIN overrides it). */
function postgresBinaries(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = (() => {
    try {
      return readdirSync(root).sort((a, b) => Number(b) - Number(a));
    } catch {
      return [];
    }
  })();
  if (versions.length === 0)
    throw new Error(
      `no PostgreSQL server under ${root}: install Debian's postgresql package (.ci/run does) or set PG_BIN`,
    );
  return join(root, versions[0], 'bin');
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
