import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { watchEvents } from './watchEvents';

/** A watch response whose body the test writes to. */
function response() {
  const body = new PassThrough();
  return {
    body,
    response: {
      body: body as unknown as IncomingMessage,
      closed: Promise.resolve(),
    },
  };
}

describe('watchEvents', () => {
  it('yields each line as an event, and ends when the server ends the watch', async () => {
    const { body, response: r } = response();
    const events = watchEvents(r, '/apis/apps/v1/deployments', 10_000);
    body.end(
      '{"type":"ADDED","object":{"kind":"Deployment"}}\n{"type":"BOOKMARK","object":{}}\n',
    );
    const seen = [];
    for await (const e of events) seen.push(e.type);
    expect(seen).toEqual(['ADDED', 'BOOKMARK']);
  });

  it('fails a watch silent for longer than it may be, as a dead connection', async () => {
    const { body, response: r } = response();
    const events = watchEvents(r, '/apis/apps/v1/deployments', 50);
    body.write('{"type":"ADDED","object":{}}\n');
    const iterator = events[Symbol.asyncIterator]();
    await expect(iterator.next()).resolves.toMatchObject({
      value: { type: 'ADDED' },
    });
    // Nothing more arrives, not even a bookmark.
    await expect(iterator.next()).rejects.toThrow(
      /watch delivered nothing for 0 s: its connection is taken for dead/,
    );
    expect(body.destroyed).toBe(true);
  });
});
