import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AppsV1Api, NetworkingV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { component } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  clusterObjects,
  settledClusterObjects,
} from '../service/__testUtils__/clusterObjects';
import {
  api,
  authorizationHeader,
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
 * An agent on the real backend: the MCP actions backend serving the actions registry, the
 * Stagecraft plugin deploying to the real cluster, the host app's permission policy and the
 * committed app-config's MCP servers, reached with the official MCP SDK client over
 * Streamable HTTP. The bearer token is a signed-in user's (the OAuth flow of docs/agents.md):
 * the agent acts as that user. ann owns the API (team-a); mallory (team-b) does not. Besides
 * the API and the worker that depends on its endpoint, the project has a web component that
 * declares no dependency.
 */

const { databases } = createTestDatabases();
const claims: Record<string, string[]> = {
  'user:default/ann': ['group:default/team-a'],
  'user:default/mallory': ['group:default/team-b'],
};

/** Every tool the contract of issue 12 promises (CONTRACT-12), by MCP name. */
const STAGECRAFT_TOOLS = [
  'list-projects',
  'get-component-status',
  'get-deployment-history',
  'list-approvals',
  'get-runtime',
  'get-logs',
  'get-manifests',
  'diff-environments',
  'get-dependencies',
  'explain-traffic',
  'validate-entities',
  'redeploy',
  'promote',
  'approve-promotion',
  'deny-promotion',
  'rollback',
  'undeploy',
  'deploy',
].map(name => `stagecraft.${name}`);

describeWithCluster(
  'Stagecraft as MCP tools (real backend, MCP SDK client, real cluster)',
  () => {
    let b: HostileBackend;
    const clients: Client[] = [];
    const connect = async (user: string, server?: string) => {
      const client = await connectMcp({
        baseUrl: b.baseUrl,
        authorization: authorizationHeader(user),
        server,
      });
      clients.push(client);
      return client;
    };
    const apps = () => testCluster().kubeConfig().makeApiClient(AppsV1Api);
    const stagecraftTools = async (client: Client) =>
      (await client.listTools()).tools.filter(t =>
        t.name.startsWith('stagecraft.'),
      );

    beforeAll(async () => {
      b = await startHostileBackend({
        databases,
        entities: project =>
          withOwnership([
            ...hostileCatalog(project),
            component('web', project, { type: 'worker' }),
          ]),
        config: { permission: { enabled: true }, ...mcpAppConfig },
        permissions: hostPermissionPolicy({
          platformAdmins: ['group:default/platform-team'],
          claimsOf: ref => [ref, ...(claims[ref] ?? [])],
          entity: ref =>
            b.entities.find(
              e =>
                stringifyEntityRef(e).toLocaleLowerCase('en-US') ===
                ref.toLocaleLowerCase('en-US'),
            ),
        }),
        features: mcpFeatures,
      });
      // The catalog deploys the API's first release to dev.
      await b.runCatalogTrigger();
    }, 240_000);

    afterAll(async () => {
      await Promise.all(clients.map(c => c.close()));
      await b?.cleanUp();
    });

    it('serves every Stagecraft action the registry holds as a tool, and the contract’s tools', async () => {
      const registry = await b.get(
        '/api/stagecraft/.backstage/actions/v1/actions',
      );
      const registered = (registry.body.actions as { name: string }[]).map(
        a => `stagecraft.${a.name}`,
      );
      const served = (await stagecraftTools(await connect('ann'))).map(
        t => t.name,
      );
      // The MCP backend silently drops a tool whose schema it cannot serve.
      expect(served.sort()).toEqual(registered.sort());
      expect(served).toEqual(expect.arrayContaining(STAGECRAFT_TOOLS));
    });

    it('describes every Stagecraft tool: an object input schema whose properties all say what they are, and honest hints', async () => {
      const tools = await stagecraftTools(await connect('ann'));
      expect(tools.length).toBeGreaterThan(0);
      for (const tool of tools) {
        const properties = (tool.inputSchema.properties ?? {}) as Record<
          string,
          { description?: string }
        >;
        expect({
          tool: tool.name,
          type: tool.inputSchema.type,
          describedTool: (tool.description ?? '').length > 40,
          undescribed: Object.keys(properties).filter(
            p => !properties[p].description?.trim(),
          ),
          hints: typeof tool.annotations?.readOnlyHint === 'boolean',
        }).toEqual({
          tool: tool.name,
          type: 'object',
          describedTool: true,
          undescribed: [],
          hints: true,
        });
      }
    });

    it('answers get-component-status with what runs on the cluster', async () => {
      await b.settled();
      const { output, error } = await callTool(
        await connect('ann'),
        'stagecraft.get-component-status',
        { component: 'api' },
      );
      expect(error).toBeUndefined();
      const live = await apps().readNamespacedDeployment({
        name: 'api',
        namespace: `${b.project}-dev`,
      });
      const dev = (await b.store.getDeployment(api, 'dev'))!;
      expect(output.componentRef).toBe(api);
      expect(output.latestRelease.id).toBe(dev.releaseId);
      expect(
        output.deployments.find((d: any) => d.environment === 'dev'),
      ).toMatchObject({
        releaseId: dev.releaseId,
        image: live.spec!.template.spec!.containers[0].image,
        desiredState: 'deployed',
        sync: { observedGeneration: dev.generation },
      });
    });

    it('explains traffic from the policies Stagecraft applied to the cluster: a declared dependency passes, an undeclared one names what is missing', async () => {
      await b.settled();
      const client = await connect('ann');
      const dev = `${b.project}-dev`;
      const endpoint = `endpoint:default/${b.project}-api`;

      const declared = await callTool(client, 'stagecraft.explain-traffic', {
        from: 'worker',
        to: `endpoint:${b.project}-api`,
        environment: 'dev',
      });
      const undeclared = await callTool(client, 'stagecraft.explain-traffic', {
        from: 'web',
        to: `endpoint:${b.project}-api`,
        environment: 'dev',
      });

      expect(declared.error).toBeUndefined();
      expect(declared.output).toMatchObject({
        allowed: true,
        endpointRef: endpoint,
        declaration: {
          consumerRef: 'component:default/worker',
          path: 'spec.dependsOn[0]',
        },
        evidence: { destinationPort: { port: 8080, protocol: 'TCP' } },
      });
      // The evidence is what runs: each admitting policy exists on the cluster as named.
      const onCluster = (
        await testCluster()
          .kubeConfig()
          .makeApiClient(NetworkingV1Api)
          .listNamespacedNetworkPolicy({ namespace: dev })
      ).items.map(p => `${p.metadata!.namespace}/${p.metadata!.name}`);
      const evidence = declared.output.evidence.policies as {
        namespace: string;
        name: string;
        direction: string;
        effect: string;
      }[];
      expect(evidence.map(p => `${p.direction} ${p.effect}`).sort()).toEqual([
        'egress admits',
        'ingress admits',
      ]);
      expect(onCluster).toEqual(
        expect.arrayContaining(evidence.map(p => `${p.namespace}/${p.name}`)),
      );

      expect(undeclared.error).toBeUndefined();
      expect(undeclared.output.allowed).toBe(false);
      expect(undeclared.output.declaration).toBeUndefined();
      expect(undeclared.output.reason).toMatch(
        `component:default/web does not declare a dependency on ${endpoint}`,
      );
      expect(undeclared.output.nextStep).toContain(
        `dependsOn: endpoint:${b.project}-api`,
      );
    });

    it('refuses a promotion by someone who may not promote: nothing changes, and the refusal is audited', async () => {
      await b.settled();
      const clusterBefore = await settledClusterObjects(b.namespaces);
      const deploymentsBefore = await b.deployments();
      const historyBefore = await b.store.listHistory(api);
      const audited = b.auditor.events.length;

      const { output, error } = await callTool(
        await connect('mallory'),
        'stagecraft.promote',
        { component: 'api', from: 'dev' },
      );

      expect(output).toBeUndefined();
      expect(error).toBe(
        `NotAllowedError: stagecraft.deployment.promote on ${api} is not permitted`,
      );
      await b.settled();
      expect(await b.deployments()).toEqual(deploymentsBefore);
      expect(await b.store.listHistory(api)).toEqual(historyBefore);
      expect(await clusterObjects(b.namespaces)).toEqual(clusterBefore);
      const events = b.auditor.events.slice(audited);
      expect(events).toContainEqual(
        expect.objectContaining({
          eventId: 'deployment-promote',
          outcome: 'fail',
          error: expect.stringContaining('is not permitted'),
          meta: expect.objectContaining({ actor: 'user:default/mallory' }),
        }),
      );
      // The MCP backend's own record of the call fails too.
      expect(events).toContainEqual(
        expect.objectContaining({
          eventId: 'tool-execution',
          outcome: 'fail',
          meta: expect.objectContaining({ toolName: 'stagecraft.promote' }),
        }),
      );
    });

    it('promotes through MCP, and the release converges on the cluster in the next environment', async () => {
      await b.settled();
      const dev = (await b.store.getDeployment(api, 'dev'))!;
      const staging = { name: 'api', namespace: `${b.project}-staging` };
      await expect(apps().readNamespacedDeployment(staging)).rejects.toThrow();

      const { output, error } = await callTool(
        await connect('ann'),
        'stagecraft.promote',
        { component: 'api', from: 'dev' },
      );

      expect(error).toBeUndefined();
      expect(output).toMatchObject({
        outcome: 'deployed',
        deployment: {
          environment: 'staging',
          releaseId: dev.releaseId,
          updatedBy: 'user:default/ann',
        },
      });
      const live = await eventually(
        () => apps().readNamespacedDeployment(staging),
        d =>
          d.status?.readyReplicas === d.spec?.replicas &&
          d.status?.updatedReplicas === d.spec?.replicas,
        'the staging Deployment to be ready',
        45_000,
      );
      expect(live.spec!.template.spec!.containers[0].image).toBe(
        'registry.example/api:1',
      );
      expect(b.auditor.events).toContainEqual(
        expect.objectContaining({
          eventId: 'deployment-promote',
          outcome: 'success',
          meta: expect.objectContaining({ actor: 'user:default/ann' }),
        }),
      );
    });

    it('serves no tool that changes anything on the read-only server, and will not run one there', async () => {
      const readOnly = await connect('ann', 'readonly');
      const tools = (await readOnly.listTools()).tools;
      expect(tools.map(t => t.name)).toContain(
        'stagecraft.get-component-status',
      );
      expect(
        tools.filter(
          t =>
            t.annotations?.readOnlyHint !== true ||
            t.annotations?.destructiveHint !== false,
        ),
      ).toEqual([]);

      const deploymentsBefore = await b.deployments();
      const { error } = await callTool(readOnly, 'stagecraft.promote', {
        component: 'api',
        from: 'staging',
      });
      expect(error).toBe(
        'NotFoundError: Action "stagecraft.promote" not found',
      );
      expect(await b.deployments()).toEqual(deploymentsBefore);

      // The default server still serves every tool, writes included.
      const all = (await (await connect('ann')).listTools()).tools;
      expect(all.map(t => t.name)).toEqual(
        expect.arrayContaining([
          ...tools.map(t => t.name),
          'stagecraft.promote',
        ]),
      );
    });
  },
);
