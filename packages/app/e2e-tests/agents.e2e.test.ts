import { AppsV1Api } from '@kubernetes/client-node';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { findRepoRoot, testCluster } from '@stagecraft/test-cluster';
import { spawn } from 'node:child_process';
import { describeInBrowser } from './support/browser';
import { E2E_BACKEND_PORT } from './support/startApp';

/**
 * Issue 12's acceptance as a new user tries it, against the app itself (`yarn start` with
 * app-config.yaml, the example organisation deployed to the local cluster — what `yarn
 * cluster:up` + `yarn start` give): an MCP client configured as docs/agents.md says (the
 * official SDK over Streamable HTTP, `Authorization: Bearer` with the guest sign-in's token)
 * lists the Stagecraft tools, asks why checkout-api cannot reach an endpoint it did not
 * declare, and promotes a component to staging, which then runs on the cluster; `yarn
 * stagecraft status checkout-api` prints its environments. No browser is used.
 *
 * The component promoted is refund-worker, which no other end-to-end test looks at.
 */

/** The app's backend: the e2e app's port, or STAGECRAFT_E2E_BACKEND_URL beside STAGECRAFT_E2E_URL. */
const backendUrl =
  process.env.STAGECRAFT_E2E_BACKEND_URL ??
  `http://localhost:${E2E_BACKEND_PORT}`;
const PROMOTED = 'refund-worker';

/**
 * Waits for the backend to answer: in dev mode it restarts when a source file changes (and,
 * with its in-memory database, ingests and deploys the catalog again).
 */
async function backendReady(timeoutMs = 300_000) {
  await until(
    () =>
      fetch(`${backendUrl}/.backstage/health/v1/readiness`).then(
        r => r.ok,
        () => false,
      ),
    ok => ok,
    `the backend at ${backendUrl} to be ready`,
    timeoutMs,
  );
}

/** The token docs/agents.md's quickest setup uses: `curl -s -X POST …/api/auth/guest/refresh`. */
async function guestToken(): Promise<string> {
  const response = await fetch(`${backendUrl}/api/auth/guest/refresh`, {
    method: 'POST',
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as {
    backstageIdentity: { token: string };
  };
  return body.backstageIdentity.token;
}

/** A tool's structured output, or a test failure quoting the error the server sent. */
async function call(client: Client, name: string, args: object) {
  const result = await client.callTool({
    name,
    arguments: args as Record<string, unknown>,
  });
  if (result.isError)
    throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
  // The MCP actions backend sends the output as structured content and as JSON text.
  return (result.structuredContent ??
    JSON.parse(
      (result.content as { text?: string }[]).map(c => c.text ?? '').join(''),
    )) as any;
}

/** Polls until `done` holds of what `read` answers; fails with `what` after the deadline. */
async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}: ${JSON.stringify(value)}`,
      );
    await new Promise(resolve => setTimeout(resolve, 2_000));
  }
}

/** `yarn stagecraft <args>` from the repository root, as a user types it. */
function stagecraftCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const { STAGECRAFT_TOKEN: _ignored, ...inherited } = process.env;
      const child = spawn('yarn', ['stagecraft', ...args], {
        cwd: findRepoRoot(__dirname),
        env: { ...inherited, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', chunk => (stdout += chunk));
      child.stderr.on('data', chunk => (stderr += chunk));
      child.on('error', reject);
      child.on('close', code => resolve({ code, stdout, stderr }));
    },
  );
}

describeInBrowser(
  'issue 12 acceptance: an agent and the CLI on the app',
  () => {
    let client: Client;
    const deploymentIn = async (component: string, environment: string) =>
      (
        (await call(client, 'stagecraft.get-component-status', { component }))
          .deployments as any[]
      ).find(d => d.environment === environment);

    beforeAll(async () => {
      await backendReady();
      // Configured as docs/agents.md's "Any client, from code" shows.
      client = new Client({ name: 'acceptance-agent', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(
          new URL('/api/mcp-actions/v1', backendUrl),
          {
            requestInit: {
              headers: { Authorization: `Bearer ${await guestToken()}` },
            },
          },
        ),
      );
      // As a user after `yarn start`: the catalog ingests the example organisation and the
      // catalog trigger deploys it to dev; until then the tools answer "not in the catalog".
      await until(
        () => deploymentIn('checkout-api', 'dev').catch(() => undefined),
        d => d?.sync.state === 'synced',
        'checkout-api synced in dev',
        300_000,
      );
    }, 660_000);
    afterAll(async () => {
      await client?.close();
    });

    it('lists the Stagecraft tools', async () => {
      const names = (await client.listTools()).tools.map(t => t.name);
      expect(names).toEqual(
        expect.arrayContaining(
          [
            'list-projects',
            'get-component-status',
            'get-deployment-history',
            'get-runtime',
            'get-logs',
            'get-manifests',
            'get-dependencies',
            'explain-traffic',
            'validate-entities',
            'redeploy',
            'promote',
            'approve-promotion',
            'deny-promotion',
            'rollback',
            'undeploy',
          ].map(name => `stagecraft.${name}`),
        ),
      );
    });

    it('says why checkout-api cannot reach an endpoint it did not declare', async () => {
      const answer = await call(client, 'stagecraft.explain-traffic', {
        from: 'checkout-api',
        to: 'endpoint:auth-http',
        environment: 'dev',
      });
      expect(answer.allowed).toBe(false);
      expect(answer.declaration).toBeUndefined();
      expect(answer.reason).toMatch(
        /^component:default\/checkout-api does not declare a dependency on endpoint:default\/auth-http/,
      );
      expect(answer.nextStep).toContain('dependsOn: endpoint:auth-http');
    });

    it('promotes a component to staging, and the cluster runs it there', async () => {
      const dev = await until(
        () => deploymentIn(PROMOTED, 'dev'),
        d => d?.sync.state === 'synced',
        `${PROMOTED} synced in dev`,
        240_000,
      );
      const promoted = await call(client, 'stagecraft.promote', {
        component: PROMOTED,
        from: 'dev',
      });
      expect(promoted).toMatchObject({
        outcome: 'deployed',
        deployment: {
          environment: 'staging',
          releaseId: dev.releaseId,
          updatedBy: 'user:default/guest',
        },
      });
      const staging = await until(
        () => deploymentIn(PROMOTED, 'staging'),
        d =>
          d?.sync.state === 'synced' &&
          d.replicas !== undefined &&
          d.replicas.ready === d.replicas.desired,
        `${PROMOTED} converged in staging`,
      );
      const live = (
        await testCluster()
          .kubeConfig()
          .makeApiClient(AppsV1Api)
          .listDeploymentForAllNamespaces({
            labelSelector: `app.kubernetes.io/managed-by=stagecraft,stagecraft.dev/component=${PROMOTED},stagecraft.dev/environment=staging`,
          })
      ).items;
      expect(live.map(d => d.spec?.template.spec?.containers[0].image)).toEqual(
        [staging.image],
      );
      expect(live[0].status?.readyReplicas).toBe(staging.replicas.desired);
    }, 400_000);

    it('`yarn stagecraft status checkout-api` prints its environments, signed in as the guest', async () => {
      await backendReady();
      const { code, stdout, stderr } = await stagecraftCli(
        ['status', 'checkout-api'],
        { STAGECRAFT_URL: backendUrl },
      );
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      const lines = stdout.split('\n');
      const header = lines.findIndex(l => l.startsWith('ENVIRONMENT '));
      expect(lines[header - 1]).toMatch(
        /^component:default\/checkout-api: latest release [0-9a-f]{12} /,
      );
      expect(lines[header].split(/\s+/)).toEqual([
        'ENVIRONMENT',
        'STATE',
        'SYNC',
        'READY',
        'RELEASE',
        'IMAGE',
        'UPDATED',
        'BY',
      ]);
      // Other end-to-end tests move checkout-api through its stages; dev always has it.
      const rows = lines.slice(header + 1).filter(l => /^[a-z]+ {2,}/.test(l));
      expect(rows.map(r => r.split(/\s+/).slice(0, 2))).toContainEqual([
        'dev',
        'deployed',
      ]);
      for (const row of rows)
        expect(row.split(/\s+/)[0]).toMatch(/^(dev|staging|production)$/);
    }, 420_000);
  },
);
