import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/*
 * What turns the hostile-suite backend into one an agent talks to: Backstage's real actions
 * registry and actions services (the test backend's defaults are in-memory mocks that serve no
 * HTTP), the MCP actions backend, and the repository's own app-config for both — so the tests
 * hold the committed `mcpActions` servers and `backend.actions` to what they promise.
 */

const appConfig = parse(
  readFileSync(resolve(__dirname, '../../../../../app-config.yaml'), 'utf8'),
);

/** The committed app-config's MCP parts, as root config for the test backend. */
export const mcpAppConfig = {
  mcpActions: appConfig.mcpActions,
  backend: { actions: appConfig.backend.actions },
};

/** The plugin and services that serve the registry's actions as MCP tools. */
export const mcpFeatures: BackendFeature[] = [
  actionsRegistryServiceFactory,
  actionsServiceFactory,
  mcpActionsPlugin,
];

/**
 * An MCP client (the official SDK) connected over Streamable HTTP to the default server
 * (`server` omitted) or a named one, sending `authorization` as a client configured from
 * docs/agents.md would.
 */
export async function connectMcp(o: {
  baseUrl: string;
  authorization: string;
  server?: string;
}): Promise<Client> {
  const path = `/api/mcp-actions/v1${o.server ? `/${o.server}` : ''}`;
  const transport = new StreamableHTTPClientTransport(
    new URL(path, o.baseUrl),
    { requestInit: { headers: { Authorization: o.authorization } } },
  );
  const client = new Client({ name: 'stagecraft-mcp-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** A tool call's outcome as an agent sees it: the output, or the error text the server sent. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<{ output?: any; error?: string }> {
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content as { type: string; text?: string }[])
    .map(c => c.text ?? '')
    .join('\n');
  return result.isError
    ? { error: text }
    : { output: result.structuredContent ?? JSON.parse(text) };
}
