import { KubeConfig } from '@kubernetes/client-node';
import {
  ClientRequest,
  IncomingMessage,
  request as httpRequest,
} from 'node:http';
import { request as httpsRequest, RequestOptions } from 'node:https';
import { Socket } from 'node:net';
import { KubeApiError } from './KubeApiError';

/** A 2xx response, and when its connection is gone. */
export interface KubeResponse {
  body: IncomingMessage;
  /**
   * Resolves once the socket is closed. Await it after reading the body, so a caller that
   * stops has no connection left open when it says it has stopped.
   */
  closed: Promise<void>;
}

/**
 * Sends a GET to the current cluster of `kubeConfig` and resolves once the status is 2xx; any
 * other status rejects with a {@link KubeApiError}, a transport failure (connection refused,
 * reset, TLS) with Node's own error, each only after the connection is closed.
 *
 * @remarks
 * Written on node:https rather than client-node's `Watch` because `Watch.watch` hands out its
 * AbortController only after the connection is established, so a watch still connecting cannot
 * be cancelled by `stop()`. Here `signal` cancels every phase, and list and watch share one
 * transport, so list items reach `onEvent` as the same raw JSON as watch objects (the typed
 * clients would turn them into model classes with Date fields).
 */
export async function kubeGet(
  kubeConfig: KubeConfig,
  path: string,
  query: Record<string, string>,
  signal: AbortSignal,
): Promise<KubeResponse> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('the kubeconfig has no current cluster');
  const url = new URL(cluster.server + path);
  for (const [name, value] of Object.entries(query)) {
    url.searchParams.set(name, value);
  }
  const options: RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  const plainHttp = url.protocol === 'http:';
  const send = plainHttp ? httpRequest : httpsRequest;
  const req = send(url, {
    ...options,
    // client-node builds an https.Agent; plain HTTP gets a one-off agent, which (unlike
    // Node's global one) keeps no idle connection open after the response.
    agent: plainHttp ? false : options.agent,
    method: 'GET',
    headers: { ...options.headers, Accept: 'application/json' },
    signal,
  });
  const closed = connectionClosed(req);
  return new Promise((resolve, reject) => {
    req.on('response', body => {
      const status = body.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        resolve({ body, closed });
        return;
      }
      readText(body)
        .then(text =>
          closed.then(() => KubeApiError.fromBody(path, status, text)),
        )
        .then(reject, reject);
    });
    req.on('error', error => closed.then(() => reject(error)));
    req.end();
  });
}

/** Resolves once the request is over and its socket, if it got one, has closed. */
function connectionClosed(req: ClientRequest): Promise<void> {
  return new Promise(resolve => {
    let socket: Socket | undefined;
    req.once('socket', assigned => (socket = assigned));
    req.once('close', () => {
      if (!socket || socket.closed) resolve();
      else socket.once('close', () => resolve());
    });
  });
}

/** The whole body of a response as text. */
export async function readText(response: IncomingMessage): Promise<string> {
  response.setEncoding('utf8');
  let text = '';
  for await (const chunk of response) text += chunk;
  return text;
}

/** The lines of a streamed body, yielded as they arrive (watch events are one JSON per line). */
export async function* readLines(
  response: IncomingMessage,
): AsyncGenerator<string> {
  response.setEncoding('utf8');
  let pending = '';
  for await (const chunk of response) {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    yield* lines.filter(line => line.trim() !== '');
  }
  if (pending.trim() !== '') yield pending;
}
