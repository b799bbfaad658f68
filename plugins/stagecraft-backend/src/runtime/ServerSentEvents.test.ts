import { createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ServerSentEvents } from './ServerSentEvents';

function listen(server: Server) {
  return new Promise<number>(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve((server.address() as AddressInfo).port),
    ),
  );
}

describe('ServerSentEvents', () => {
  it('is aborted at once when the client left before the stream opened', async () => {
    let opened: ServerSentEvents | undefined;
    let clientGone!: () => void;
    const gone = new Promise<void>(resolve => {
      clientGone = resolve;
    });
    const server = createServer(async (req, res) => {
      // The route's slow part (permission check, cache warm-up) outlives the client.
      req.socket.once('close', () => clientGone());
      await gone;
      opened = new ServerSentEvents(res, { heartbeatMs: 10 });
      opened.open();
    });
    const port = await listen(server);
    try {
      const client = request({ port, host: '127.0.0.1', path: '/' });
      client.on('error', () => undefined);
      client.end();
      setTimeout(() => client.destroy(), 50);
      await gone;
      await new Promise(r => setTimeout(r, 20));
      expect(opened?.signal.aborted).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise(r => server.close(r));
    }
  });

  it('stays open while the client listens, and ends cleanly', async () => {
    const received: string[] = [];
    const server = createServer(async (_req, res) => {
      const events = new ServerSentEvents(res, { heartbeatMs: 60_000 });
      events.open();
      await events.send('line', { text: 'hello' });
      expect(events.signal.aborted).toBe(false);
      events.end();
    });
    const port = await listen(server);
    try {
      await new Promise<void>((resolve, reject) => {
        request({ port, host: '127.0.0.1', path: '/' }, res => {
          res.setEncoding('utf8');
          res.on('data', chunk => received.push(chunk));
          res.on('end', resolve);
        })
          .on('error', reject)
          .end();
      });
      expect(received.join('')).toBe('event: line\ndata: {"text":"hello"}\n\n');
    } finally {
      await new Promise(r => server.close(r));
    }
  });
});
