import { readServerSentEvents } from './readServerSentEvents';

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function all(stream: ReadableStream<Uint8Array>) {
  const events = [];
  for await (const event of readServerSentEvents(stream)) events.push(event);
  return events;
}

describe('readServerSentEvents', () => {
  it('parses named events split across chunks, skipping comments', async () => {
    await expect(
      all(
        streamOf(
          ': keep-alive\n\nevent: li',
          'ne\ndata: {"text":"a"}\n\n',
          'event: line\r\ndata: x\r\ndata: y\r\n\r\n',
          'data: plain\n\n',
        ),
      ),
    ).resolves.toEqual([
      { event: 'line', data: '{"text":"a"}' },
      { event: 'line', data: 'x\ny' },
      { event: 'message', data: 'plain' },
    ]);
  });

  it('drops an unterminated last event', async () => {
    await expect(all(streamOf('event: line\ndata: cut'))).resolves.toEqual([]);
  });
});
