import { KubeConfig } from '@kubernetes/client-node';
import {
  Handler,
  json,
  loopbackApiServer as apiServer,
  loopbackKubeConfig as kubeConfig,
} from '../__testUtils__/loopbackApiServer';
import { isNotFound, apiMessage } from '../apply/errors';
import { ApiConnection } from './ApiConnection';
import { RateLimiter } from './RateLimiter';
import { RequestCounter } from './RequestCounter';

const setToken = (kc: KubeConfig, token: string) =>
  ((kc.users[0] as { token?: string }).token = token);

describe('ApiConnection', () => {
  const open: { close: () => Promise<unknown> }[] = [];
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(open.splice(0).map(o => o.close()));
  });

  async function start(
    handler: Handler,
    token = 't1',
    o: { credentialsTtlMs?: number; answerTimeoutMs?: number } = {},
  ) {
    const api = await apiServer(handler);
    const kc = kubeConfig(api.server, token);
    const counter = new RequestCounter();
    const connection = new ApiConnection(kc, { counter }, o);
    open.push(api, { close: async () => connection.close() });
    return { api, kc, counter, connection };
  }

  it('sends the method, path, body, headers and token, and resolves with the answer', async () => {
    const { api, counter, connection } = await start((_req, res) =>
      json(res, 200, { kind: 'ConfigMap' }),
    );
    const text = await connection.send(
      'PATCH',
      '/api/v1/namespaces/a/configmaps/b?fieldManager=m&dryRun=All',
      { body: '{"x":1}', headers: { 'Content-Type': 'application/x' } },
    );
    expect(JSON.parse(text)).toEqual({ kind: 'ConfigMap' });
    expect(api.seen).toEqual([
      {
        method: 'PATCH',
        url: '/api/v1/namespaces/a/configmaps/b?fieldManager=m&dryRun=All',
        auth: 'Bearer t1',
        body: '{"x":1}',
      },
    ]);
    expect(counter.counts()).toEqual({ 'patch-dry-run': 1 });
  });

  it('waits on the limiter before each request', async () => {
    const api = await apiServer((_req, res) => json(res, 200, {}));
    const limiter = new RateLimiter({ qps: 100, burst: 100 });
    const acquire = jest.spyOn(limiter, 'acquire');
    const connection = new ApiConnection(kubeConfig(api.server, 't'), {
      limiter,
    });
    open.push(api, { close: async () => connection.close() });
    await connection.send('GET', '/api/v1/namespaces');
    await connection.send('GET', '/api/v1/namespaces');
    expect(acquire).toHaveBeenCalledTimes(2);
  });

  it('drains a discarded answer and resolves with nothing', async () => {
    const { connection } = await start((_req, res) =>
      json(res, 200, { big: 'x'.repeat(100_000) }),
    );
    await expect(
      connection.send('PATCH', '/api/v1/x', { discardBody: true }),
    ).resolves.toBe('');
  });

  it("rejects a non-2xx answer with the server's status, readable as client-node's errors are", async () => {
    const { connection } = await start((_req, res) =>
      json(res, 404, { kind: 'Status', message: 'configmaps "b" not found' }),
    );
    const error = await connection
      .send('PATCH', '/api/v1/namespaces/a/configmaps/b', {
        discardBody: true,
      })
      .catch(e => e);
    expect(error).toMatchObject({ name: 'ApiRequestError', code: 404 });
    expect(error.message).toBe(
      'PATCH /api/v1/namespaces/a/configmaps/b failed with HTTP 404: configmaps "b" not found',
    );
    expect(isNotFound(error)).toBe(true);
    expect(apiMessage(error)).toBe('configmaps "b" not found');
  });

  it('reuses the credentials for a while, then reads the kubeconfig again', async () => {
    let now = 1_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const { api, kc, connection } = await start(
      (_req, res) => json(res, 200, {}),
      't1',
      { credentialsTtlMs: 10_000 },
    );
    await connection.send('GET', '/api');
    setToken(kc, 't2');
    await connection.send('GET', '/api');
    now += 10_000;
    await connection.send('GET', '/api');
    expect(api.seen.map(s => s.auth)).toEqual([
      'Bearer t1',
      'Bearer t1',
      'Bearer t2',
    ]);
  });

  it('on a 401 reads the kubeconfig again at once, and sends the request once more if the credentials changed', async () => {
    const { api, kc, counter, connection } = await start((_req, res, seen) =>
      seen.auth === 'Bearer t2'
        ? json(res, 200, { ok: true })
        : json(res, 401, { kind: 'Status', message: 'Unauthorized' }),
    );
    // Read again, t1 is still t1: the same refusal is not asked for twice.
    await expect(connection.send('GET', '/api')).rejects.toMatchObject({
      code: 401,
    });
    setToken(kc, 't2'); // rotated
    await expect(connection.send('GET', '/api')).resolves.toBe('{"ok":true}');
    expect(api.seen.map(s => s.auth)).toEqual([
      'Bearer t1',
      'Bearer t1',
      'Bearer t2',
    ]);
    expect(counter.counts()).toEqual({ get: 3 });
  });

  it('sends a request once more on a new connection when a kept-alive one was closed under it', async () => {
    let answered = 0;
    const { api, counter, connection } = await start((req, res) => {
      answered += 1;
      // The second request arrives on the first one's connection: drop it unanswered, as a
      // server that timed out the idle connection at that moment would.
      if (answered === 2) req.socket.destroy();
      else json(res, 200, { n: answered });
    });
    await connection.send('GET', '/api', { idempotent: true });
    await expect(
      connection.send('GET', '/api', { idempotent: true }),
    ).resolves.toBe('{"n":3}');
    expect(api.seen).toHaveLength(3);
    // The second sending is a request of its own: limited and counted.
    expect(counter.counts()).toEqual({ get: 3 });
  });

  it('does not send a request that is not idempotent twice', async () => {
    let answered = 0;
    const { api, connection } = await start((req, res) => {
      answered += 1;
      if (answered === 2) req.socket.destroy();
      else json(res, 201, {});
    });
    await connection.send('POST', '/api/v1/namespaces');
    await expect(connection.send('POST', '/api/v1/namespaces')).rejects.toThrow(
      /socket hang up|ECONNRESET/,
    );
    expect(api.seen).toHaveLength(2);
  });

  it('rejects a transport failure on a new connection with the error, sent once', async () => {
    const { api, connection } = await start((req, res) => {
      req.socket.destroy();
      res.end();
    });
    await expect(
      connection.send('GET', '/api', { idempotent: true }),
    ).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(api.seen).toHaveLength(1);
  });

  it('gives up on a server that never answers', async () => {
    const { connection } = await start(() => undefined, 't1', {
      answerTimeoutMs: 200,
    });
    await expect(
      connection.send('PATCH', '/api/v1/namespaces/a/configmaps/b'),
    ).rejects.toThrow(
      'PATCH /api/v1/namespaces/a/configmaps/b: no answer from the API server in 200 ms',
    );
  });

  it('quotes at most 1 KiB of an answer that is not a Status', async () => {
    const { connection } = await start((_req, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end(`<html>${'x'.repeat(5000)}</html>`);
    });
    const error = await connection.send('GET', '/api').catch(e => e);
    expect(error.code).toBe(502);
    expect(error.message.length).toBeLessThan(1200);
    expect(error.message).toMatch(/failed with HTTP 502: <html>x+…$/);
  });

  it('serves direct clusters only, not one behind a proxy', () => {
    expect(
      ApiConnection.serves(kubeConfig('https://127.0.0.1:6443', 't')),
    ).toBe(true);
    const proxied = kubeConfig('https://127.0.0.1:6443', 't');
    (proxied.clusters[0] as { proxyUrl?: string }).proxyUrl =
      'http://127.0.0.1:3128';
    expect(ApiConnection.serves(proxied)).toBe(false);
  });
});
