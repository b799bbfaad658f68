import { createServer } from 'node:net';
import { AddressInfo } from 'node:net';
import { startFakeBackend } from '../__testUtils__/fakeBackend';
import { ExitCode } from '../ExitCode';
import { RemoteError } from './RemoteError';
import { StagecraftClient } from './StagecraftClient';

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

async function failure(promise: Promise<unknown>): Promise<RemoteError> {
  const error = await promise.then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(RemoteError);
  return error;
}

describe('StagecraftClient', () => {
  let backend: Awaited<ReturnType<typeof startFakeBackend>>;
  afterEach(() => backend?.close());

  it("posts the input to the action's invoke route with the bearer token and returns the output", async () => {
    backend = await startFakeBackend({
      invoke: (action, input) => ({ output: { action, input } }),
    });
    const client = new StagecraftClient({
      url: `${backend.url}/`,
      token: 't0k',
    });
    await expect(
      client.invoke('promote', { component: 'checkout-api', from: 'dev' }),
    ).resolves.toEqual({
      action: 'stagecraft:promote',
      input: { component: 'checkout-api', from: 'dev' },
    });
    expect(backend.received).toEqual([
      {
        method: 'POST',
        path: '/api/stagecraft/.backstage/actions/v1/actions/stagecraft:promote/invoke',
        authorization: 'Bearer t0k',
        body: { component: 'checkout-api', from: 'dev' },
      },
    ]);
  });

  it('sends no Authorization header without a token', async () => {
    backend = await startFakeBackend({ invoke: () => ({ output: {} }) });
    await new StagecraftClient({ url: backend.url }).invoke(
      'list-projects',
      {},
    );
    expect(backend.received[0].authorization).toBeUndefined();
  });

  it.each([
    [
      't0k',
      'the backend refused the token: set STAGECRAFT_TOKEN to a token from docs/agents.md',
    ],
    [
      undefined,
      'the backend needs a token: set STAGECRAFT_TOKEN (or --token) to a token from docs/agents.md',
    ],
  ])('says what to do on 401 (token %s)', async (token, message) => {
    backend = await startFakeBackend({
      invoke: () => ({
        status: 401,
        error: { name: 'AuthenticationError', message: 'Illegal token' },
      }),
    });
    const error = await failure(
      new StagecraftClient({ url: backend.url, token }).invoke('promote', {}),
    );
    expect(error.message).toBe(message);
    expect(error.exitCode).toBe(ExitCode.NotAllowed);
  });

  it.each([
    [
      403,
      'NotAllowedError',
      'you may not deploy to production',
      ExitCode.NotAllowed,
    ],
    [
      404,
      'NotFoundError',
      'component:default/nope not found',
      ExitCode.NotFound,
    ],
    [
      409,
      'ConflictError',
      'pipeline rule: production needs an approval',
      ExitCode.Failed,
    ],
    [500, 'Error', 'An internal error occurred (logId=abc)', ExitCode.Failed],
  ])(
    'passes the backend message of a %s on with its exit code',
    async (status, name, message, code) => {
      backend = await startFakeBackend({
        invoke: () => ({ status, error: { name, message } }),
      });
      const error = await failure(
        new StagecraftClient({ url: backend.url, token: 't' }).invoke(
          'promote',
          {},
        ),
      );
      expect(error.message).toBe(message);
      expect(error.exitCode).toBe(code);
    },
  );

  it('tells a backend without the action from an unknown component', async () => {
    backend = await startFakeBackend({
      invoke: action => ({
        status: 404,
        error: {
          name: 'NotFoundError',
          message: `Action "${action}" not found`,
        },
      }),
    });
    const error = await failure(
      new StagecraftClient({ url: backend.url, token: 't' }).invoke(
        'deploy',
        {},
      ),
    );
    expect(error.message).toBe(
      `the backend at ${backend.url} has no action stagecraft:deploy: update Stagecraft there, or check that backend.actions.pluginSources lists stagecraft`,
    );
    expect(error.exitCode).toBe(ExitCode.NotFound);
  });

  it("names the fields of the registry's input validation (zod issues in the cause) as a usage error", async () => {
    backend = await startFakeBackend({
      invoke: () => ({
        status: 400,
        error: {
          name: 'InputError',
          // As Backstage's InputError words it: the cause appended to the message.
          message:
            'Invalid input to action "stagecraft:promote"; caused by [{"path":["from"]}]',
          cause: {
            name: 'ZodError',
            message: JSON.stringify([
              {
                path: ['from'],
                message:
                  'an environment name is a lower-case DNS label, e.g. staging',
              },
            ]),
          },
        },
      }),
    });
    const error = await failure(
      new StagecraftClient({ url: backend.url, token: 't' }).invoke(
        'promote',
        {},
      ),
    );
    expect(error.message).toBe(
      'Invalid input to action "stagecraft:promote": from: an environment name is a lower-case DNS label, e.g. staging',
    );
    expect(error.exitCode).toBe(ExitCode.Usage);
  });

  it('says how to start the backend when nothing listens at the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const error = await failure(
      new StagecraftClient({ url, token: 't' }).invoke(
        'get-component-status',
        {},
      ),
    );
    expect(error.message).toBe(
      `cannot reach Stagecraft at ${url} (ECONNREFUSED): is \`yarn start\` running? set --url`,
    );
    expect(error.exitCode).toBe(ExitCode.Unreachable);
  });

  it('says when what answers is not the backend (the frontend, another server)', async () => {
    backend = await startFakeBackend({
      invoke: () => ({
        status: 200,
        raw: '<html>app</html>',
        contentType: 'text/html',
      }),
    });
    const error = await failure(
      new StagecraftClient({ url: backend.url }).invoke(
        'get-component-status',
        {},
      ),
    );
    expect(error.message).toMatch(
      /answered 200, but not as Stagecraft's backend does: set --url/,
    );
    expect(error.exitCode).toBe(ExitCode.Unreachable);
  });

  it.each([
    [
      'localhost:7007',
      /is not an http or https URL|must be an http or https URL/,
    ],
    ['not a url', /is not a URL/],
    ['http://me:secret@localhost:7007', /must not carry credentials/],
  ])('refuses --url %s as a usage error', (url, message) => {
    let error: unknown;
    try {
      new StagecraftClient({ url }); // eslint-disable-line no-new
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).message).toMatch(message);
    expect((error as RemoteError).exitCode).toBe(ExitCode.Usage);
  });

  it.each([
    [
      'http://stagecraft.example.com:7007',
      't0k',
      /is plain http to another machine, which would expose the token: use https/,
    ],
    ['http://10.0.0.5:7007', 't0k', /is plain http to another machine/],
  ])('refuses to send a token over plain http to %s', (url, token, message) => {
    let error: unknown;
    try {
      new StagecraftClient({ url, token }); // eslint-disable-line no-new
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RemoteError);
    expect((error as RemoteError).message).toMatch(message);
    expect((error as RemoteError).exitCode).toBe(ExitCode.Usage);
  });

  it.each([
    ['http://localhost:7007/', undefined, 'http://localhost:7007'],
    ['http://127.0.0.2:7007', 't0k', 'http://127.0.0.2:7007'],
    ['http://[::1]:7007', 't0k', 'http://[::1]:7007'],
    [
      'https://stagecraft.example.com/base/?x=1#y',
      't0k',
      'https://stagecraft.example.com/base',
    ],
    [
      'http://stagecraft.example.com',
      undefined,
      'http://stagecraft.example.com',
    ],
  ])('takes %s (token %s) as %s', (url, token, base) => {
    expect(new StagecraftClient({ url, token }).url).toBe(base);
  });

  it('does not follow a redirect (it would carry the token elsewhere)', async () => {
    const elsewhere = await startFakeBackend({
      invoke: () => ({ output: {} }),
    });
    try {
      backend = await startFakeBackend({
        invoke: () => ({
          status: 307,
          raw: '',
          contentType: 'text/plain',
          location: `${elsewhere.url}/api/stagecraft/.backstage/actions/v1/actions/stagecraft:promote/invoke`,
        }),
      });
      const error = await failure(
        new StagecraftClient({ url: backend.url, token: 't0k' }).invoke(
          'promote',
          {},
        ),
      );
      expect(error.message).toMatch(
        /answered 307, but not as Stagecraft's backend does/,
      );
      expect(elsewhere.received).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it('streams log events as they arrive until the signal aborts', async () => {
    let written = 0;
    backend = await startFakeBackend({
      logs: (_req, res) => {
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
        });
        res.write(
          ': heartbeat\n\nevent: line\ndata: {"pod":"p","container":"main","text":"one"}\n',
        );
        res.write('\nevent: li');
        res.write(
          'ne\r\ndata: {"pod":"p","container":"main","text":"two"}\r\n\r\n',
        );
        written = 2;
      },
    });
    const controller = new AbortController();
    const client = new StagecraftClient({ url: backend.url, token: 't' });
    const texts: string[] = [];
    for await (const event of client.streamLogs(
      { namespace: 'default', name: 'checkout-api', environment: 'dev' },
      { follow: true, tailLines: 5, pod: undefined },
      controller.signal,
    )) {
      texts.push(JSON.parse(event.data).text);
      if (texts.length === written) controller.abort();
    }
    expect(texts).toEqual(['one', 'two']);
    expect(backend.received[0]).toMatchObject({
      method: 'GET',
      path: '/api/stagecraft/components/default/checkout-api/deployments/dev/logs?follow=true&tailLines=5',
      authorization: 'Bearer t',
    });
  });

  it('refuses a log stream before it opens with the backend message', async () => {
    backend = await startFakeBackend({
      logs: (_req, res) => {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              name: 'NotFoundError',
              message: 'pod x is not a pod of the deployment',
            },
          }),
        );
      },
    });
    const client = new StagecraftClient({ url: backend.url, token: 't' });
    const iterate = async () => {
      for await (const _ of client.streamLogs(
        { namespace: 'default', name: 'api', environment: 'dev' },
        { pod: 'x' },
        new AbortController().signal,
      ));
    };
    const error = await failure(iterate());
    expect(error.message).toBe('pod x is not a pod of the deployment');
    expect(error.exitCode).toBe(ExitCode.NotFound);
  });
});
