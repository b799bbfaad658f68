import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { createMockDirectory } from '@backstage/backend-test-utils';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describeWithCluster } from '@stagecraft/test-cluster';
import { generateKeyPairSync } from 'node:crypto';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  clusterObjects,
  settledClusterObjects,
} from '../service/__testUtils__/clusterObjects';
import {
  api,
  hostileCatalog,
  HostileBackend,
  startHostileBackend,
  withOwnership,
} from '../service/__testUtils__/hostileBackend';
import { hostPermissionPolicy } from '../service/__testUtils__/hostPermissionPolicy';
import {
  callTool,
  connectMcp,
  mcpAppConfig,
  mcpFeatures,
} from './__testUtils__/mcpBackend';

/*
 * What a static external-access token (backend.auth.externalAccess, the local-use setup of
 * docs/agents.md) gives an agent, on a backend running Backstage's real auth and permission
 * client: the claims docs/agents.md makes about it, held to what the installed Backstage does.
 *
 * - Through MCP, the MCP backend invokes each action with a token of its own
 *   (`plugin:mcp-actions`, a service principal without restrictions), which Backstage's
 *   permission client allows everything without asking the policy: the token is full trust.
 * - A token narrowed to reads (`permissionAttribute: {action: read}`) cannot be delegated, so
 *   over MCP it reaches no Stagecraft tool; against Stagecraft's actions endpoint it reads and
 *   is refused every write (nothing changes, the refusal is audited).
 */

const { databases } = createTestDatabases();
const agentToken = { token: 'test-agent-token-7f3a9c1e' };
const readToken = { token: 'test-read-token-2b8d4e6f' };
const stagecraftOnlyToken = { token: 'test-cli-token-9e1c5a3d' };

const externalAccess = [
  {
    type: 'static',
    options: { token: agentToken.token, subject: 'local-agent' },
    accessRestrictions: [
      { plugin: 'mcp-actions' },
      { plugin: 'stagecraft' },
      { plugin: 'catalog' },
    ],
  },
  {
    type: 'static',
    options: { token: readToken.token, subject: 'local-agent-read' },
    accessRestrictions: [
      { plugin: 'mcp-actions' },
      { plugin: 'stagecraft', permissionAttribute: { action: 'read' } },
      { plugin: 'catalog', permissionAttribute: { action: 'read' } },
    ],
  },
  {
    type: 'static',
    options: { token: stagecraftOnlyToken.token, subject: 'local-cli' },
    accessRestrictions: [{ plugin: 'stagecraft' }],
  },
];

/**
 * Plugin-to-plugin tokens signed with one key pair from config (`pluginKeyStore: static`, as
 * a multi-replica deployment may run) rather than keys each plugin keeps in its database:
 * the test backend gives every plugin the same SQLite database.
 */
function staticPluginKeyStore() {
  const dir = createMockDirectory();
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  dir.setContent({
    'public.pem': pair.publicKey.export({ type: 'spki', format: 'pem' }),
    'private.pem': pair.privateKey.export({ type: 'pkcs8', format: 'pem' }),
  });
  return {
    type: 'static',
    static: {
      keys: [
        {
          keyId: 'test',
          publicKeyFile: dir.resolve('public.pem'),
          privateKeyFile: dir.resolve('private.pem'),
        },
      ],
    },
  };
}

const invoke = (name: string) =>
  `/api/stagecraft/.backstage/actions/v1/actions/stagecraft:${name}/invoke`;

describeWithCluster(
  'static external-access tokens for agents (real auth, MCP SDK client, real cluster)',
  () => {
    let b: HostileBackend;
    const clients: Client[] = [];
    const connect = async (bearer: { token: string }) => {
      const client = await connectMcp({
        baseUrl: b.baseUrl,
        authorization: `Bearer ${bearer.token}`,
      });
      clients.push(client);
      return client;
    };

    beforeAll(async () => {
      b = await startHostileBackend({
        databases,
        entities: project => withOwnership(hostileCatalog(project)),
        config: {
          permission: { enabled: true },
          ...mcpAppConfig,
          backend: {
            ...mcpAppConfig.backend,
            auth: { externalAccess, pluginKeyStore: staticPluginKeyStore() },
          },
        },
        permissions: hostPermissionPolicy({
          platformAdmins: ['group:default/platform-team'],
          claimsOf: ref => [ref],
          entity: () => undefined,
        }),
        features: [authServiceFactory, httpAuthServiceFactory, ...mcpFeatures],
        reader: agentToken,
      });
      await b.runCatalogTrigger();
    }, 240_000);

    afterAll(async () => {
      await Promise.all(clients.map(c => c.close()));
      await b?.cleanUp();
    });

    it('is full trust over MCP: the actions run as the MCP backend’s own service principal, which may promote', async () => {
      const client = await connect(agentToken);
      const tools = (await client.listTools()).tools.map(t => t.name);
      expect(tools).toEqual(
        expect.arrayContaining([
          'stagecraft.get-component-status',
          'stagecraft.promote',
        ]),
      );
      const dev = (await b.store.getDeployment(api, 'dev'))!;

      const { output, error } = await callTool(client, 'stagecraft.promote', {
        component: 'api',
        from: 'dev',
      });

      expect(error).toBeUndefined();
      expect(output).toMatchObject({
        outcome: 'deployed',
        deployment: {
          environment: 'staging',
          releaseId: dev.releaseId,
          updatedBy: 'service:plugin:mcp-actions',
        },
      });
      expect(b.auditor.events).toContainEqual(
        expect.objectContaining({
          eventId: 'deployment-promote',
          outcome: 'success',
          meta: expect.objectContaining({
            actor: 'service:plugin:mcp-actions',
          }),
        }),
      );
      await b.settled();
    });

    it('cannot approve a promotion over MCP: approving needs a signed-in person', async () => {
      const client = await connect(agentToken);
      const asked = await callTool(client, 'stagecraft.promote', {
        component: 'api',
        from: 'staging',
      });
      expect(asked.output).toMatchObject({ outcome: 'approval-requested' });
      const deploymentsBefore = await b.deployments();

      const { error } = await callTool(client, 'stagecraft.approve-promotion', {
        approvalId: asked.output.approval.id,
      });

      expect(error).toBe(
        'NotAllowedError: only a signed-in person may approve a promotion, and service:plugin:mcp-actions is a service principal',
      );
      expect(await b.deployments()).toEqual(deploymentsBefore);
    });

    it('reaches no Stagecraft tool over MCP with a read-restricted token (it cannot be delegated)', async () => {
      const client = await connect(readToken);
      const tools = (await client.listTools()).tools.map(t => t.name);
      expect(tools.filter(t => t.startsWith('stagecraft.'))).toEqual([]);
      const { error } = await callTool(
        client,
        'stagecraft.get-component-status',
        { component: 'api' },
      );
      expect(error).toBe(
        'NotFoundError: Action "stagecraft.get-component-status" not found',
      );
    });

    it('reads with a read-restricted token on Stagecraft’s actions endpoint', async () => {
      const response = await b.post(readToken, invoke('get-component-status'), {
        component: 'api',
      });
      expect(response.status).toBe(200);
      expect(response.body.output.componentRef).toBe(api);
    });

    it('refuses a write with a read-restricted token: nothing changes, and the refusal is audited', async () => {
      await b.settled();
      const clusterBefore = await settledClusterObjects(b.namespaces);
      const deploymentsBefore = await b.deployments();
      const audited = b.auditor.events.length;

      const response = await b.post(readToken, invoke('promote'), {
        component: 'api',
        from: 'staging',
      });

      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: `stagecraft.deployment.promote on ${api} is not permitted`,
      });
      await b.settled();
      expect(await b.deployments()).toEqual(deploymentsBefore);
      expect(await clusterObjects(b.namespaces)).toEqual(clusterBefore);
      expect(b.auditor.events.slice(audited)).toContainEqual(
        expect.objectContaining({
          eventId: 'deployment-promote',
          outcome: 'fail',
          meta: expect.objectContaining({ actor: 'service:local-agent-read' }),
        }),
      );
    });

    it('refuses the MCP endpoint to a token not granted the MCP plugin, and to an unknown one', async () => {
      const toolsList = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
      const notGranted = await b.post(
        stagecraftOnlyToken,
        '/api/mcp-actions/v1',
        toolsList,
      );
      expect(notGranted.status).toBe(403);
      expect(notGranted.body.error.message).toBe(
        "This token's access is restricted to plugin(s) 'stagecraft'",
      );
      const unknown = await b.post(
        { token: 'not-a-configured-token' },
        '/api/mcp-actions/v1',
        toolsList,
      );
      expect(unknown.status).toBe(401);
    });
  },
);
