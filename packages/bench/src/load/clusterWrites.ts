import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { assertLoopback } from './loopbackHttp';

/** The local cluster's address and credentials, as startLocalCluster returns them. */
export interface ClusterAccess {
  server: string;
  caFile: string;
  token: string;
}

/**
 * Writes to the local API server over keep-alive connections: the storm sends a thousand
 * requests a second, which one TLS handshake each would turn into a handshake benchmark.
 * Resolves with the status (0 when the connection failed); never rejects.
 */
export function clusterWriter(access: ClusterAccess, maxSockets = 32) {
  const server = new URL(access.server);
  assertLoopback(server);
  const agent = new Agent({
    keepAlive: true,
    maxSockets,
    ca: readFileSync(access.caFile),
  });
  const send = (
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    contentType = 'application/json',
  ): Promise<number> =>
    new Promise(resolve => {
      const payload = JSON.stringify(body);
      const req = request(
        new URL(path, server),
        {
          agent,
          method,
          headers: {
            Authorization: `Bearer ${access.token}`,
            'Content-Type': contentType,
            'Content-Length': Buffer.byteLength(payload),
          },
        },
        res => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end(payload);
    });
  return {
    create: (path: string, body: unknown) => send('POST', path, body),
    mergePatch: (path: string, body: unknown) =>
      send('PATCH', path, body, 'application/merge-patch+json'),
    close: () => agent.destroy(),
  };
}
