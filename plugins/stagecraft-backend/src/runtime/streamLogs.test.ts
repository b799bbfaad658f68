import { EventEmitter } from 'node:events';
import { ServerResponse } from 'node:http';
import { LogSource } from '../actions/types';
import { ServerSentEvents } from './ServerSentEvents';
import { streamLogs } from './streamLogs';

/** A response whose socket buffer is full while `full` is set, as `write` reports it. */
class FakeResponse extends EventEmitter {
  readonly chunks: string[] = [];
  full = false;
  writableEnded = false;
  writeHead() {
    return this;
  }
  flushHeaders() {}
  write(chunk: string) {
    this.chunks.push(chunk);
    return !this.full;
  }
  end() {
    this.writableEnded = true;
    this.emit('close');
  }
}

/** A source of three lines that counts how many were pulled and whether it was closed. */
function countingSource() {
  const state = { pulled: 0, closed: false };
  const source: LogSource = {
    pod: 'api-1',
    container: 'main',
    async *lines() {
      try {
        for (const text of ['l0', 'l1', 'l2']) {
          state.pulled += 1;
          yield { pod: 'api-1', container: 'main', text };
        }
      } finally {
        state.closed = true;
      }
    },
  };
  return { source, state };
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise(resolve => setImmediate(resolve));
}

/** A few turns of the event loop: time enough for a source that is not held back to run on. */
async function turns(n = 10) {
  for (let i = 0; i < n; i++) await new Promise(r => setImmediate(r));
}

function open(res: FakeResponse) {
  const events = new ServerSentEvents(res as unknown as ServerResponse, {
    heartbeatMs: 60_000,
  });
  events.open();
  return events;
}

describe('streamLogs', () => {
  it('stops reading its sources while the client’s buffer is full, and resumes on drain', async () => {
    const res = new FakeResponse();
    res.full = true;
    const { source, state } = countingSource();

    const done = streamLogs([source], open(res));
    await until(() => res.chunks.length === 1);
    await turns();

    expect(state.pulled).toBe(1);

    res.full = false;
    res.emit('drain');
    await done;

    expect(state.pulled).toBe(3);
    expect(res.chunks.map(c => c.split('\n')[0])).toEqual([
      'event: line',
      'event: line',
      'event: line',
      'event: end',
    ]);
    expect(res.writableEnded).toBe(true);
  });

  it('closes the sources when the client leaves while it waits for a drain', async () => {
    const res = new FakeResponse();
    res.full = true;
    const { source, state } = countingSource();

    const done = streamLogs([source], open(res));
    await until(() => res.chunks.length === 1);
    res.emit('close');
    await done;

    expect(state).toEqual({ pulled: 1, closed: true });
    expect(res.chunks).toHaveLength(1);
  });
});
