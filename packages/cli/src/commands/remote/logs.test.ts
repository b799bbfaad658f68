import { startFakeBackend } from '../../__testUtils__/fakeBackend';
import { captureIo, runAgainst } from '../../__testUtils__/runCli';
import { ExitCode } from '../../ExitCode';
import { run } from '../../program';

describe('stagecraft logs', () => {
  let backend: Awaited<ReturnType<typeof startFakeBackend>>;
  afterEach(() => backend?.close());

  const stagecraft = (args: string[]) => runAgainst(backend.url, args);

  it('prints log lines with their pod and container, escape sequences inert', async () => {
    backend = await startFakeBackend({
      invoke: () => ({
        output: {
          lines: [
            { pod: 'api-1', container: 'main', text: 'listening on :8080' },
            { pod: 'api-2', container: 'main', text: '\x1b[2Jgone' },
          ],
        },
      }),
    });
    const { code, stdout } = await stagecraft(['logs', 'api', '--env', 'dev']);
    expect(code).toBe(0);
    expect(stdout).toBe(
      '[api-1/main] listening on :8080\n[api-2/main] \\x1b[2Jgone\n',
    );
  });

  describe('logs -f', () => {
    function sse(events: [string, object][], keepOpen: boolean) {
      return (_req: unknown, res: any) => {
        res.writeHead(200, { 'Content-Type': 'text/event-stream' });
        for (const [event, data] of events)
          res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
        if (!keepOpen) res.end();
      };
    }

    it('prints lines as they arrive and exits 0 when interrupted', async () => {
      backend = await startFakeBackend({
        logs: sse(
          [['line', { pod: 'api-1', container: 'main', text: 'hello' }]],
          true,
        ),
      });
      const interrupt = new AbortController();
      const { io, printed } = captureIo(interrupt.signal);
      const running = run(
        [
          'node',
          'stagecraft',
          'logs',
          'api',
          '--env',
          'dev',
          '-f',
          '--lines',
          '0',
        ],
        {
          ...io,
          out: t => {
            io.out(t);
            interrupt.abort();
          },
        },
        { STAGECRAFT_URL: backend.url },
      );
      await expect(running).resolves.toBe(0);
      expect(printed.stdout).toBe('[api-1/main] hello\n');
      // Without a token the CLI first asks the local backend for its guest sign-in.
      expect(backend.received.map(r => r.path)).toEqual([
        '/api/auth/guest/refresh',
        '/api/stagecraft/components/default/api/deployments/dev/logs?follow=true&tailLines=0',
      ]);
    });

    it('reports an unreadable container on stderr and exits 1 when the stream ends', async () => {
      backend = await startFakeBackend({
        logs: sse(
          [
            ['line', { pod: 'api-1', container: 'main', text: 'a' }],
            ['error', { message: 'api-2/main: waiting to start' }],
            ['end', {}],
          ],
          true,
        ),
      });
      const { code, stdout, stderr } = await stagecraft([
        'logs',
        'component:default/api',
        '--env',
        'dev',
        '-f',
        '--json',
      ]);
      expect(code).toBe(ExitCode.Failed);
      expect(
        stdout
          .trim()
          .split('\n')
          .map(l => JSON.parse(l)),
      ).toEqual([
        { event: 'line', pod: 'api-1', container: 'main', text: 'a' },
        { event: 'error', message: 'api-2/main: waiting to start' },
        { event: 'end' },
      ]);
      expect(stderr).toBe('');
    });

    it('says the stream was cut when it closes without its end event (exit 5)', async () => {
      backend = await startFakeBackend({
        logs: sse([['line', { pod: 'p', container: 'c', text: 'x' }]], false),
      });
      const { code, stdout, stderr } = await stagecraft([
        'logs',
        'api',
        '--env',
        'dev',
        '-f',
      ]);
      expect(code).toBe(ExitCode.Unreachable);
      expect(stdout).toBe('[p/c] x\n');
      expect(stderr).toMatch(
        /^stagecraft: the log stream from http:\/\/127\.0\.0\.1:\d+ closed before its end: the backend may have restarted; run the command again\n$/,
      );
    });

    it('says the stream broke off when the backend goes away mid-stream (exit 5)', async () => {
      backend = await startFakeBackend({
        logs: (_req, res) => {
          res.writeHead(200, { 'Content-Type': 'text/event-stream' });
          res.write(
            'event: line\ndata: {"pod":"p","container":"c","text":"x"}\n\n',
          );
          setTimeout(() => res.destroy(), 50);
        },
      });
      const { code, stderr } = await stagecraft([
        'logs',
        'api',
        '--env',
        'dev',
        '-f',
      ]);
      expect(code).toBe(ExitCode.Unreachable);
      expect(stderr).toMatch(
        /^stagecraft: the log stream from http:\/\/127\.0\.0\.1:\d+ broke off \(.+\): run the command again\n$/,
      );
    });
  });
});
