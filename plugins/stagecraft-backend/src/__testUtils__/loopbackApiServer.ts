import { KubeConfig } from '@kubernetes/client-node';
import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** What a {@link loopbackApiServer} was sent, one entry per request. */
export type Seen = {
  method?: string;
  url?: string;
  auth?: string;
  body: string;
};
export type Handler = (
  req: IncomingMessage,
  res: ServerResponse,
  seen: Seen,
) => void;

/**
 * A plain-HTTP server on loopback that records what it was sent and answers with `handler`:
 * for unit tests of how a client talks to an API server (what it sends, how often, what it
 * makes of an answer), never a stand-in for Kubernetes in an integration test.
 */
export async function loopbackApiServer(handler: Handler) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const entry = {
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
        body,
      };
      seen.push(entry);
      handler(req, res, entry);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    seen,
    server: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

/** A kubeconfig whose current cluster is `server`, with a bearer token. */
export function loopbackKubeConfig(server: string, token = 't1') {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    // client-node takes a plain-HTTP server only with TLS verification off.
    clusters: [
      { name: 'c', server, skipTLSVerify: server.startsWith('http:') },
    ],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return kc;
}

/** Answers with `body` as JSON. */
export const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
};
