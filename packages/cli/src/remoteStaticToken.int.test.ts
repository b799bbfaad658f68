import { TestDatabases } from '@backstage/backend-test-utils';
import { describeWithCluster } from '@stagecraft/test-cluster';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { eventually } from './__testUtils__/eventually';
import { runAgainst } from './__testUtils__/runCli';
import { staticTokenAuth } from './__testUtils__/staticTokenAuth';
import { startStagecraftBackend } from './__testUtils__/stagecraftBackend';
import { ExitCode } from './ExitCode';

/*
 * The CLI with the static tokens of the committed app-config.agents.yaml (docs/agents.md's
 * local setup), on a backend running Backstage's real auth and permission client: the read
 * token reads and is refused writes; the agent token writes as a service principal, which may
 * not approve. The tokens' values are the test's; subjects and restrictions are the file's.
 */

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});
const agentToken = 'cli-test-agent-token-5d2e8a1b';
const readToken = 'cli-test-read-token-9c4f7e3a';

/** app-config.agents.yaml's external access, with the test's token values. */
function committedExternalAccess() {
  const file = parse(
    readFileSync(resolve(__dirname, '../../../app-config.agents.yaml'), 'utf8'),
  );
  const values: Record<string, string> = {
    '${STAGECRAFT_AGENT_TOKEN}': agentToken,
    '${STAGECRAFT_READ_TOKEN}': readToken,
  };
  return (file.backend.auth.externalAccess as any[]).map(entry => ({
    token: values[entry.options.token],
    subject: entry.options.subject,
    accessRestrictions: entry.accessRestrictions,
  }));
}

describeWithCluster(
  'stagecraft CLI with the static tokens of docs/agents.md (real auth)',
  () => {
    let b: Awaited<ReturnType<typeof startStagecraftBackend>>;
    const cli = (args: string[], token: string) =>
      runAgainst(b.url, args, { env: { STAGECRAFT_TOKEN: token } });
    const environments = async () => {
      const { stdout } = await cli(
        ['status', 'checkout-api', '--json'],
        readToken,
      );
      return (JSON.parse(stdout).deployments as any[]).map(d => d.environment);
    };

    beforeAll(async () => {
      const tokens = committedExternalAccess();
      // Both of the file's tokens, or the file changed under this test.
      if (tokens.map(t => t.token).join() !== [agentToken, readToken].join())
        throw new Error(
          'app-config.agents.yaml no longer declares the agent and read tokens',
        );
      b = await startStagecraftBackend(databases, {
        auth: staticTokenAuth(tokens),
      });
      await b.runCatalogTrigger();
      await eventually(
        environments,
        envs => envs.includes('dev'),
        'checkout-api in dev',
      );
    }, 120_000);
    afterAll(() => b?.cleanUp());

    it('STAGECRAFT_READ_TOKEN reads, and is refused a promotion with nothing changed (exit 4)', async () => {
      const status = await cli(['status', 'checkout-api'], readToken);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(/^dev\s+deployed\s/m);

      const promote = await cli(
        ['promote', 'checkout-api', '--from', 'dev'],
        readToken,
      );
      expect(promote).toEqual({
        code: ExitCode.NotAllowed,
        stdout: '',
        stderr:
          'stagecraft: stagecraft.deployment.promote on component:default/checkout-api is not permitted\n',
      });
      expect(await environments()).toEqual(['dev']);
    });

    it('STAGECRAFT_AGENT_TOKEN promotes as its service principal, but may not approve (exit 4)', async () => {
      const promote = await cli(
        ['promote', 'checkout-api', '--from', 'dev', '--json'],
        agentToken,
      );
      expect(promote.code).toBe(0);
      expect(JSON.parse(promote.stdout).deployment).toMatchObject({
        environment: 'staging',
        updatedBy: 'service:local-agent',
      });

      const asked = await cli(
        ['promote', 'checkout-api', '--from', 'staging', '--json'],
        agentToken,
      );
      expect(asked.code).toBe(ExitCode.ApprovalPending);
      const { approval } = JSON.parse(asked.stdout);

      const approve = await cli(['approve', String(approval.id)], agentToken);
      expect(approve.code).toBe(ExitCode.NotAllowed);
      expect(approve.stderr).toMatch(
        /^stagecraft: only a signed-in person may approve a promotion, and service:local-agent is a service principal\n$/,
      );
      expect(await environments()).toEqual(['dev', 'staging']);
    });
  },
);
