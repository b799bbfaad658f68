import { LogSource } from '../actions/types';
import { ServerSentEvents } from './ServerSentEvents';

/**
 * Streams every source's lines to `events` as `line` events, side by side, and ends the
 * stream with `end` once all of them have ended. A source that fails sends one `error` event;
 * the others go on. Resolves once every source's connection is closed.
 *
 * @remarks
 * Backpressure: each source awaits every send, so while the client's socket is full no source
 * reads further, and its upstream response stops being consumed, which pauses it (TCP flow
 * control reaches the API server). When the client leaves, `events.signal` aborts every
 * upstream request. Line text is passed on, never logged.
 */
export async function streamLogs(
  sources: LogSource[],
  events: ServerSentEvents,
): Promise<void> {
  const { signal } = events;
  await Promise.all(
    sources.map(async source => {
      try {
        for await (const line of source.lines(signal)) {
          await events.send('line', line);
          if (signal.aborted) break;
        }
      } catch (error) {
        if (signal.aborted) return;
        const message = error instanceof Error ? error.message : String(error);
        await events.send('error', {
          message: `${source.pod}/${source.container}: ${message}`,
        });
      }
    }),
  );
  await events.send('end', {});
  events.end();
}
