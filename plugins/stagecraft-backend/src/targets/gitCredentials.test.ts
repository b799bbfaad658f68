import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { request } from '../__testUtils__/syncRequests';
import { GitOpsDataPlane } from './GitOpsDataPlane';

const TOKEN = 'ghp_TopSecretToken1234567890';
const BASIC = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');

/** Everything a failed sync could show someone: the error, its cause chain, its stack. */
const shown = (error: unknown) => inspect(error, { depth: 10 });

describe('credentials of a GitOps remote', () => {
  let root: string;
  let logged: string[];
  const saved = { ...process.env };

  const plane = (
    remote: ConstructorParameters<typeof GitOpsDataPlane>[0]['remote'],
  ) =>
    new GitOpsDataPlane({
      name: 'fleet',
      directory: join(root, 'work'),
      remote,
      logger: { info: m => logged.push(m), warn: m => logged.push(m) },
    });

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stagecraft-credentials-'));
    logged = [];
    // Inherited settings that make git print its traffic, headers included, unredacted.
    Object.assign(process.env, {
      GIT_TRACE: '1',
      GIT_CURL_VERBOSE: '1',
      GIT_TRACE_REDACT: '0',
    });
  });
  afterEach(async () => {
    for (const name of ['GIT_TRACE', 'GIT_CURL_VERBOSE', 'GIT_TRACE_REDACT'])
      if (saved[name] === undefined) delete process.env[name];
    process.env.PATH = saved.PATH;
    await rm(root, { recursive: true, force: true });
  });

  describe('over https', () => {
    let server: Server;
    let seen: (string | undefined)[];
    let url: string;

    beforeEach(async () => {
      seen = [];
      // A git host that refuses the token: it records what git sent and answers 401.
      server = createServer((req, res) => {
        seen.push(req.headers.authorization);
        res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="fleet"' });
        res.end('token rejected');
      });
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
      url = `http://127.0.0.1:${
        (server.address() as AddressInfo).port
      }/fleet.git`;
    });
    afterEach(
      () => new Promise<void>(resolve => server.close(() => resolve())),
    );

    it('sends the token as basic auth and never shows it in errors or logs', async () => {
      const error = await plane({
        url,
        branch: 'main',
        auth: { type: 'token', username: 'x-access-token', token: TOKEN },
      })
        .sync(request())
        .catch(e => e);

      expect(seen).toContain(`Basic ${BASIC}`);
      expect(error.message).toMatch(
        new RegExp(`could not publish to branch main of ${url}`),
      );
      expect(shown(error)).not.toContain(TOKEN);
      expect(shown(error)).not.toContain(BASIC);
      expect(logged.join('\n')).not.toContain(TOKEN);
      expect(logged.join('\n')).not.toContain(BASIC);
    });
  });

  it('passes an SSH key file and known hosts to ssh as one word each, in batch mode', async () => {
    // An `ssh` first on PATH that records its arguments, as GIT_SSH_COMMAND's shell hands them.
    const bin = join(root, 'bin');
    const argsFile = join(root, 'ssh-args');
    await mkdir(bin);
    await writeFile(
      join(bin, 'ssh'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\necho 'no route' >&2\nexit 255\n`,
    );
    await chmod(join(bin, 'ssh'), 0o755);
    process.env.PATH = `${bin}:${saved.PATH}`;
    const keyFile = join(root, "it's a key");
    const knownHostsFile = join(root, 'known hosts');

    const error = await plane({
      url: 'ssh://git@git.example.com/fleet.git',
      branch: 'main',
      auth: { type: 'ssh', keyFile, knownHostsFile },
    })
      .sync(request())
      .catch(e => e);

    // User information in URLs is masked in errors, a plain user name too.
    expect(error.message).toMatch(
      /could not publish to branch main of ssh:\/\/\*\*\*@git.example.com\/fleet.git: .*no route/s,
    );
    const args = (await readFile(argsFile, 'utf8')).split('\n');
    expect(args.slice(0, 10)).toEqual([
      '-i',
      keyFile,
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'BatchMode=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${knownHostsFile}`,
    ]);
    expect(args).toContain('git@git.example.com');
  });
});
