import { Agent, request } from 'node:http';

/** The outcome of one request: status (0 when the connection failed) and time to the whole body. */
export interface Timed {
  status: number;
  ms: number;
  body: string;
}

/**
 * Keep-alive connections to the backend, as a browser keeps them: without reuse every request
 * would pay a TCP handshake and the figure would be the kernel's, not the backend's.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** Refuses any URL off the loopback network: the bench sends nothing anywhere else. */
export function assertLoopback(url: URL): void {
  if (!/^127\.\d+\.\d+\.\d+$/.test(url.hostname))
    throw new Error(`refusing to send load to ${url.host}: loopback only`);
}

/** GETs a URL on the loopback interface and times it until the body has arrived. */
export function timedGet(url: string, timeoutMs = 30_000): Promise<Timed> {
  const target = new URL(url);
  assertLoopback(target);
  const started = performance.now();
  return new Promise(resolve => {
    const req = request(
      target,
      { agent, method: 'GET', signal: AbortSignal.timeout(timeoutMs) },
      res => {
        res.setEncoding('utf8');
        let body = '';
        res.on('data', chunk => (body += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            body,
          }),
        );
        res.on('error', () =>
          resolve({ status: 0, ms: performance.now() - started, body }),
        );
      },
    );
    req.on('error', error =>
      resolve({
        status: 0,
        ms: performance.now() - started,
        body: String(error),
      }),
    );
    req.end();
  });
}

/** POSTs JSON to a loopback URL. */
export function postJson(url: string, body: unknown): Promise<Timed> {
  const target = new URL(url);
  assertLoopback(target);
  const started = performance.now();
  const payload = JSON.stringify(body);
  return new Promise(resolve => {
    const req = request(
      target,
      {
        agent,
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      res => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - started,
            body: text,
          }),
        );
      },
    );
    req.on('error', error =>
      resolve({
        status: 0,
        ms: performance.now() - started,
        body: String(error),
      }),
    );
    req.end(payload);
  });
}

/** Closes the idle keep-alive connections, so the process can exit. */
export function closeLoopbackConnections(): void {
  agent.destroy();
}
