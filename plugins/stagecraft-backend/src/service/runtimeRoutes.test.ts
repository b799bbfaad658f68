import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import express from 'express';
import { get as httpGet, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { LogLine, LogSource } from '../actions/types';
import {
  COMPONENT_REF,
  deploymentStatus,
  fakeActions,
} from './__testUtils__/fakeActions';
import {
  fakeRuntimeActions,
  links,
  logSource,
  renderedYaml,
  runtimeSnapshot,
} from './__testUtils__/fakeRuntimeActions';
import { expectMatchesSpec } from './__testUtils__/expectMatchesSpec';
import { createRouter } from './createRouter';

const BASE = '/api/stagecraft';
const STAGING = '/components/default/checkout-api/deployments/staging';
const target = { componentRef: COMPONENT_REF, environment: 'staging' };
const asDefaultUser = { credentials: mockCredentials.user() };

function setup(o: { heartbeatMs?: number } = {}) {
  const actions = fakeActions();
  const runtime = fakeRuntimeActions();
  const router = createRouter({
    actions,
    runtime,
    httpAuth: mockServices.httpAuth(),
    logger: mockServices.logger.mock(),
    targets: [],
    serverSentEvents: { heartbeatMs: o.heartbeatMs ?? 60_000 },
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  // Compression first, as in Backstage's root HTTP router: the log stream must get past it.
  const app = express()
    .use(middleware.compression())
    .use(BASE, router)
    .use(middleware.error());

  /** A JSON request, its response checked against the spec. */
  async function call(path: string) {
    const res = await request(app).get(`${BASE}${path}`);
    expectMatchesSpec({
      method: 'GET',
      path: path.split('?')[0],
      status: res.status,
      body: res.body,
    });
    return res;
  }

  return { actions, runtime, app, call };
}

/** The events of a `text/event-stream` body, comments left out. */
function parseEvents(body: string): { event: string; data: unknown }[] {
  return body
    .split('\n\n')
    .filter(block => block.startsWith('event: '))
    .map(block => {
      const [event, data] = block.split('\n');
      return {
        event: event.slice('event: '.length),
        data: JSON.parse(data.slice('data: '.length)),
      };
    });
}

/** Opens a log stream on a real server, so the test can read it as it arrives and hang up. */
async function openStream(app: express.Express, path: string) {
  const server: Server = await new Promise(resolve => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const response: IncomingMessage = await new Promise((resolve, reject) =>
    httpGet(
      `http://127.0.0.1:${port}${BASE}${path}`,
      // What browsers send; a compressing middleware would hold lines back to fill a block.
      { headers: { 'Accept-Encoding': 'gzip, deflate' } },
      resolve,
    ).on('error', reject),
  );
  response.setEncoding('utf8');
  let received = '';
  const waiters: (() => void)[] = [];
  response.on('data', chunk => {
    received += chunk;
    waiters.splice(0).forEach(wake => wake());
  });
  return {
    response,
    /** Resolves with the body so far once it contains `text`. */
    async until(text: string): Promise<string> {
      while (!received.includes(text))
        await new Promise<void>(wake => waiters.push(wake));
      return received;
    },
    async close() {
      response.destroy();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

describe('runtime routes', () => {
  it('lists the deployments of an environment', async () => {
    const { actions, call } = setup();

    const res = await call('/environments/staging/deployments');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [deploymentStatus] });
    expect(actions.listEnvironmentDeployments).toHaveBeenCalledWith(
      'staging',
      asDefaultUser,
    );
  });

  it('answers 404 for an environment that is not in the catalog', async () => {
    const { actions, call } = setup();
    actions.listEnvironmentDeployments.mockRejectedValue(
      new NotFoundError('environment "qa" is not in the catalog'),
    );

    const res = await call('/environments/qa/deployments');

    expect(res.status).toBe(404);
  });

  it.each([
    {
      route: 'the runtime snapshot',
      path: `${STAGING}/runtime`,
      action: 'getRuntime' as const,
      body: runtimeSnapshot,
    },
    {
      route: 'the rendered manifests',
      path: `${STAGING}/manifests`,
      action: 'getManifests' as const,
      body: { yaml: renderedYaml },
    },
    {
      route: 'the observability links',
      path: `${STAGING}/links`,
      action: 'listLinks' as const,
      body: { items: links },
    },
  ])('serves $route', async ({ path, action, body }) => {
    const { runtime, call } = setup();

    const res = await call(path);

    expect(res.status).toBe(200);
    expect(res.body).toEqual(body);
    expect(runtime[action]).toHaveBeenCalledWith(target, asDefaultUser);
  });

  it.each([
    {
      action: 'getRuntime' as const,
      path: `${STAGING}/runtime`,
      error: new NotAllowedError('not allowed to read'),
      status: 403,
    },
    {
      action: 'getManifests' as const,
      path: `${STAGING}/manifests`,
      error: new ConflictError('does not compile: replicas above 50'),
      status: 409,
    },
    {
      action: 'listLinks' as const,
      path: `${STAGING}/links`,
      error: new NotFoundError('no deployment in staging'),
      status: 404,
    },
  ])(
    'answers $status when $action throws $error.name',
    async ({ action, path, error, status }) => {
      const { runtime, call } = setup();
      runtime[action].mockRejectedValue(error);

      const res = await call(path);

      expect(res.status).toBe(status);
      expect(res.body.error).toMatchObject({ message: error.message });
    },
  );

  describe('the log stream', () => {
    it('streams every line as a server-sent event, then end, with headers that defeat buffering', async () => {
      const { runtime, app } = setup();

      const res = await request(app).get(`${BASE}${STAGING}/logs`);

      expect(res.status).toBe(200);
      expect(res.headers).toMatchObject({
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
      });
      const pod = 'checkout-api-7d9f8c6b5-x2x4l';
      expect(parseEvents(res.text)).toEqual([
        { event: 'line', data: { pod, container: 'main', text: 'started' } },
        { event: 'line', data: { pod, container: 'main', text: 'ready' } },
        { event: 'end', data: {} },
      ]);
      expect(runtime.openLogs).toHaveBeenCalledWith(
        target,
        {
          tailLines: 100,
          follow: true,
          timestamps: true,
          pod: undefined,
          container: undefined,
          sinceSeconds: undefined,
        },
        asDefaultUser,
      );
    });

    it('hands the validated query to the action', async () => {
      const { runtime, app } = setup();

      await request(app).get(
        `${BASE}${STAGING}/logs?pod=api-1&container=main&tailLines=0&sinceSeconds=60&follow=false&timestamps=false`,
      );

      expect(runtime.openLogs).toHaveBeenCalledWith(
        target,
        {
          pod: 'api-1',
          container: 'main',
          tailLines: 0,
          sinceSeconds: 60,
          follow: false,
          timestamps: false,
        },
        asDefaultUser,
      );
    });

    const TAIL_LINES =
      'query parameter tailLines must be an integer from 0 to 10000';
    const SINCE_SECONDS =
      'query parameter sinceSeconds must be an integer from 1 to 31536000';
    it.each([
      // Out of range, negative, fractional, not a number, repeated: one message, the range.
      ['tailLines=10001', TAIL_LINES],
      ['tailLines=99999999999999999999', TAIL_LINES],
      ['tailLines=-1', TAIL_LINES],
      ['tailLines=1.5', TAIL_LINES],
      ['tailLines=ten', TAIL_LINES],
      ['tailLines=1&tailLines=2', TAIL_LINES],
      ['sinceSeconds=0', SINCE_SECONDS],
      ['sinceSeconds=-3', SINCE_SECONDS],
      ['sinceSeconds=2.5', SINCE_SECONDS],
      // Beyond int64, which Kubernetes cannot take.
      ['sinceSeconds=99999999999999999999', SINCE_SECONDS],
      ['tailLines=5&sinceSeconds=abc', SINCE_SECONDS],
      ['follow=maybe', 'request/query/follow must be boolean'],
      ['pod=Not_A_Pod', 'request/query/pod must match pattern'],
      ['container=Main', 'request/query/container must match pattern'],
      [
        `container=${'a'.repeat(64)}`,
        'request/query/container must NOT have more than 63 characters',
      ],
      ['lines=5', "Unknown query parameter 'lines'"],
    ])('answers 400 to %s without opening a log', async (query, message) => {
      const { runtime, call } = setup();

      const res = await call(`${STAGING}/logs?${query}`);

      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(runtime.openLogs).not.toHaveBeenCalled();
    });

    it('answers 404 as JSON, before streaming, for a pod that is not the deployment’s', async () => {
      const { runtime, call } = setup();
      runtime.openLogs.mockRejectedValue(
        new NotFoundError('pod "db-0" is not a pod of checkout-api'),
      );

      const res = await call(`${STAGING}/logs?pod=db-0`);

      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
    });

    it('reports a log that fails as an error event and goes on with the others', async () => {
      const { runtime, app } = setup();
      runtime.openLogs.mockResolvedValue([
        logSource('api-1', 'main', ['one'], new Error('container is waiting')),
        logSource('api-2', 'main', ['two']),
      ]);

      const res = await request(app).get(`${BASE}${STAGING}/logs`);

      const events = parseEvents(res.text);
      expect(events).toEqual(
        expect.arrayContaining([
          {
            event: 'error',
            data: { message: 'api-1/main: container is waiting' },
          },
          {
            event: 'line',
            data: { pod: 'api-2', container: 'main', text: 'two' },
          },
        ]),
      );
      expect(events.at(-1)).toEqual({ event: 'end', data: {} });
    });

    it('sends heartbeats while the log is quiet', async () => {
      const { runtime, app } = setup({ heartbeatMs: 5 });
      let resume!: () => void;
      const quiet: LogSource = {
        pod: 'api-1',
        container: 'main',
        async *lines() {
          await new Promise<void>(resolve => (resume = resolve));
          yield { pod: 'api-1', container: 'main', text: 'late' };
        },
      };
      runtime.openLogs.mockResolvedValue([quiet]);
      const stream = await openStream(app, `${STAGING}/logs`);
      try {
        await stream.until(': heartbeat\n\n');
        resume();
        const body = await stream.until('event: end');

        expect(parseEvents(body).map(e => e.event)).toEqual(['line', 'end']);
        expect(body.indexOf(': heartbeat')).toBeLessThan(body.indexOf('late'));
      } finally {
        await stream.close();
      }
    });

    it('delivers each line as it is written, uncompressed, while the log goes on', async () => {
      const { runtime, app } = setup();
      let finish!: () => void;
      runtime.openLogs.mockResolvedValue([
        {
          pod: 'api-1',
          container: 'main',
          async *lines() {
            yield { pod: 'api-1', container: 'main', text: 'first' };
            await new Promise<void>(resolve => (finish = resolve));
          },
        },
      ]);
      const stream = await openStream(app, `${STAGING}/logs`);
      try {
        const body = await stream.until('first');

        expect(stream.response.headers['content-encoding']).toBeUndefined();
        expect(parseEvents(body)).toEqual([
          {
            event: 'line',
            data: { pod: 'api-1', container: 'main', text: 'first' },
          },
        ]);
        finish();
        await stream.until('event: end');
      } finally {
        await stream.close();
      }
    });

    it('aborts every upstream log when the client disconnects', async () => {
      const { runtime, app } = setup();
      const closed: string[] = [];
      let allClosed!: () => void;
      const bothClosed = new Promise<void>(resolve => (allClosed = resolve));
      const endless = (pod: string): LogSource => ({
        pod,
        container: 'main',
        async *lines(signal): AsyncIterable<LogLine> {
          try {
            yield { pod, container: 'main', text: `${pod} started` };
            await new Promise(resolve =>
              signal.addEventListener('abort', resolve),
            );
          } finally {
            closed.push(pod);
            if (closed.length === 2) allClosed();
          }
        },
      });
      runtime.openLogs.mockResolvedValue([endless('api-1'), endless('api-2')]);
      const stream = await openStream(app, `${STAGING}/logs`);
      await stream.until('api-1 started');
      await stream.until('api-2 started');

      await stream.close();
      await bothClosed;

      expect(closed.sort()).toEqual(['api-1', 'api-2']);
    });
  });
});
