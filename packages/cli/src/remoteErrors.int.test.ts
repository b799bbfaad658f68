import { TestDatabases } from '@backstage/backend-test-utils';
import { describeWithCluster } from '@stagecraft/test-cluster';
import { createServer, AddressInfo } from 'node:net';
import { runAgainst } from './__testUtils__/runCli';
import {
  startStagecraftBackend,
  userToken,
} from './__testUtils__/stagecraftBackend';
import { ExitCode } from './ExitCode';

/*
 * What a user sees when something is wrong, from the CLI's program entry against the real
 * backend: one line on stderr that says what to do, never a stack trace, and an exit code a
 * script can branch on.
 */

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

describeWithCluster('stagecraft CLI error paths (real backend)', () => {
  let b: Awaited<ReturnType<typeof startStagecraftBackend>>;
  beforeAll(async () => {
    b = await startStagecraftBackend(databases);
  });
  afterAll(() => b?.cleanUp());

  it('no backend: says how to start one and exits 5', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const { code, stdout, stderr } = await runAgainst(url, [
      'status',
      'checkout-api',
    ]);
    expect({ code, stdout, stderr }).toEqual({
      code: ExitCode.Unreachable,
      stdout: '',
      stderr: `stagecraft: cannot reach Stagecraft at ${url} (ECONNREFUSED): is \`yarn start\` running? set --url\n`,
    });
  });

  it('a token the backend refuses: says where to get one, exits 4, and never prints the token', async () => {
    const { code, stdout, stderr } = await runAgainst(
      b.url,
      ['promote', 'checkout-api', '--from', 'dev'],
      { env: { STAGECRAFT_TOKEN: 'stolen-or-expired-token' } },
    );
    expect({ code, stdout, stderr }).toEqual({
      code: ExitCode.NotAllowed,
      stdout: '',
      stderr:
        'stagecraft: the backend refused the token: set STAGECRAFT_TOKEN to a token from docs/agents.md\n',
    });
  });

  it('no token at all: says to set one and exits 4', async () => {
    const { code, stderr } = await runAgainst(
      b.url,
      ['status', 'checkout-api'],
      {
        env: { STAGECRAFT_TOKEN: '' },
      },
    );
    expect(code).toBe(ExitCode.NotAllowed);
    expect(stderr).toBe(
      'stagecraft: the backend needs a token: set STAGECRAFT_TOKEN (or --token) to a token from docs/agents.md\n',
    );
  });

  it("an unknown component: the backend's NotFound message and exit 3, for reads and writes alike", async () => {
    const env = { STAGECRAFT_TOKEN: userToken('ann') };
    for (const args of [
      ['status', 'no-such-component'],
      ['promote', 'no-such-component', '--from', 'dev'],
      ['logs', 'no-such-component', '--env', 'dev', '-f'],
    ]) {
      const { code, stdout, stderr } = await runAgainst(b.url, args, { env });
      expect({ args, code, stdout, stderr }).toEqual({
        args,
        code: ExitCode.NotFound,
        stdout: '',
        stderr:
          'stagecraft: component:default/no-such-component is not in the catalog\n',
      });
    }
  });

  it("input the backend's schema refuses names the field and exits 2", async () => {
    const { code, stderr } = await runAgainst(
      b.url,
      ['history', 'checkout-api', '--env', 'Not_A_Label'],
      { env: { STAGECRAFT_TOKEN: userToken('ann') } },
    );
    expect(code).toBe(ExitCode.Usage);
    expect(stderr).toBe(
      'stagecraft: Invalid input to action "stagecraft:get-deployment-history": environment: an environment name is a lower-case DNS label, e.g. staging\n',
    );
  });
});
