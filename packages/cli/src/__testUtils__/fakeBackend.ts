import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

/** A request the fake backend received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
}

/** What a test answers an action invocation with. */
export type ActionAnswer =
  | { output: unknown }
  | {
      status: number;
      error: { name: string; message: string; cause?: unknown };
    }
  | { status: number; raw: string; contentType: string; location?: string };

/**
 * A stand-in for the backend in unit tests of the client and commands: answers action
 * invocations with what the test says, and hands log stream requests to the test. Listens on
 * 127.0.0.1, port 0.
 */
export async function startFakeBackend(o: {
  invoke?: (action: string, input: any) => ActionAnswer | Promise<ActionAnswer>;
  logs?: (req: IncomingMessage, res: ServerResponse) => void;
}) {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = req.url ?? '';
    received.push({
      method: req.method ?? '',
      path,
      authorization: req.headers.authorization,
      body: text ? JSON.parse(text) : undefined,
    });
    const invoke =
      /^\/api\/stagecraft\/\.backstage\/actions\/v1\/actions\/([^/]+)\/invoke$/.exec(
        path,
      );
    if (invoke && req.method === 'POST' && o.invoke) {
      const answer = await o.invoke(
        decodeURIComponent(invoke[1]),
        JSON.parse(text),
      );
      if ('raw' in answer) {
        res.writeHead(answer.status, {
          'Content-Type': answer.contentType,
          ...(answer.location && { Location: answer.location }),
        });
        res.end(answer.raw);
      } else if ('output' in answer) {
        json(res, 200, { output: answer.output });
      } else {
        json(res, answer.status, {
          error: answer.error,
          request: { method: 'POST', url: path },
          response: { statusCode: answer.status },
        });
      }
      return;
    }
    if (path.includes('/logs?') && o.logs) {
      o.logs(req, res);
      return;
    }
    json(res, 404, { error: { name: 'NotFoundError', message: 'no route' } });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
