import { createServer } from 'node:http';
import { AddressInfo, connect, Socket } from 'node:net';
import {
  json,
  loopbackApiServer,
  loopbackKubeConfig,
} from '../__testUtils__/loopbackApiServer';
import { ObjectClient } from './ObjectClient';

/** Discovery of the core group, as much as a ConfigMap apply looks up. */
const CORE_RESOURCES = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'configmaps', kind: 'ConfigMap', namespaced: true, verbs: [] },
  ],
};

/** An HTTP proxy on loopback that tunnels each CONNECT to the address asked for. */
async function tunnellingProxy() {
  const sockets = new Set<Socket>();
  const server = createServer();
  server.on('connect', (req, client: Socket) => {
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(resolve);
      }),
  };
}

const configMap = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'shop-dev' },
  data: { a: '1' },
};

describe('ObjectClient.serverSideApply', () => {
  const open: { close: () => Promise<unknown> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map(o => o.close()));
  });

  async function start() {
    const api = await loopbackApiServer((req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      if (path === '/api/v1') json(res, 200, CORE_RESOURCES);
      else json(res, 200, configMap);
    });
    open.push(api);
    return api;
  }

  const applies = (seen: { method?: string; url?: string }[]) =>
    seen
      .filter(s => s.method === 'PATCH')
      .map(s => Object.fromEntries(new URL(s.url!, 'http://x').searchParams));

  it('asks the server not to decode the body a second time, dry run or not', async () => {
    const api = await start();
    const client = new ObjectClient(loopbackKubeConfig(api.server));
    const options = { fieldManager: 'stagecraft', force: true };
    await client.serverSideApply(configMap, { ...options, dryRun: true });
    await client.serverSideApply(configMap, options);

    expect(applies(api.seen)).toEqual([
      {
        fieldManager: 'stagecraft',
        fieldValidation: 'Ignore',
        force: 'true',
        dryRun: 'All',
      },
      { fieldManager: 'stagecraft', fieldValidation: 'Ignore', force: 'true' },
    ]);
  });

  it('asks the same through client-node, for a cluster behind a proxy', async () => {
    const api = await start();
    const proxy = await tunnellingProxy();
    open.push(proxy);
    const kubeConfig = loopbackKubeConfig(api.server);
    (kubeConfig.clusters[0] as { proxyUrl?: string }).proxyUrl = proxy.url;
    const client = new ObjectClient(kubeConfig);
    await client.serverSideApply(configMap, {
      fieldManager: 'stagecraft',
      force: false,
    });

    expect(applies(api.seen)).toEqual([
      { fieldManager: 'stagecraft', fieldValidation: 'Ignore' },
    ]);
  });
});
