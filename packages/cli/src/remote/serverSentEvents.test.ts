import { readServerSentEvents } from './serverSentEvents';

async function eventsOfBytes(chunks: Uint8Array[]) {
  async function* body() {
    yield* chunks;
  }
  const events = [];
  for await (const event of readServerSentEvents(body())) events.push(event);
  return events;
}

const eventsOf = (chunks: string[]) =>
  eventsOfBytes(chunks.map(chunk => new TextEncoder().encode(chunk)));

describe('readServerSentEvents', () => {
  it('reads named events, skips comments, joins data lines and ignores an unfinished event', async () => {
    await expect(
      eventsOf([
        ': heartbeat\n\n',
        'event: line\ndata: {"text":"a"}\n\n',
        'data: first\ndata:second\n\n',
        'event: end\ndata: {}\n\n',
        'event: line\ndata: {"text":"cut off"}\n',
      ]),
    ).resolves.toEqual([
      { event: 'line', data: '{"text":"a"}' },
      { event: 'message', data: 'first\nsecond' },
      { event: 'end', data: '{}' },
    ]);
  });

  it('puts events split anywhere across chunks (CRLF, a multi-byte character) back together', async () => {
    const text = 'event: line\r\ndata: {"text":"größe ✓"}\r\n\r\n';
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const events = await eventsOfBytes([
        bytes.slice(0, cut),
        bytes.slice(cut),
      ]);
      expect(events).toEqual([{ event: 'line', data: '{"text":"größe ✓"}' }]);
    }
  });
});
