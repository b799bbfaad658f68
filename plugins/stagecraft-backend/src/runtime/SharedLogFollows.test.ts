import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import { PodLogRequest } from './podLogLines';
import { SharedLogFollows, sortableTimestamp } from './SharedLogFollows';

const source = { pod: 'api-1', container: 'main' };
const at = (second: number) =>
  `2026-11-30T15:00:${String(second).padStart(2, '0')}Z`;
const line = (second: number, text: string): LogLine => ({
  ...source,
  timestamp: at(second),
  text,
});

/**
 * A pod log API in memory: `follow` requests get the lines `write` sends from then on, until
 * aborted or `endLog`; other requests get `history`. Records every request and its signal.
 */
function fakeLogApi(history: LogLine[] = []) {
  const requests: { request: PodLogRequest; signal: AbortSignal }[] = [];
  const followers = new Set<(line: LogLine | 'end') => void>();
  const open = async (request: PodLogRequest, signal: AbortSignal) => {
    requests.push({ request, signal });
    if (!request.follow)
      return (async function* past() {
        yield* history;
      })();
    const queue: (LogLine | 'end')[] = [];
    let wake: (() => void) | undefined;
    const push = (item: LogLine | 'end') => {
      queue.push(item);
      wake?.();
    };
    followers.add(push);
    signal.addEventListener('abort', () => wake?.());
    const arrival = () =>
      new Promise<void>(resolve => {
        wake = resolve;
      });
    return (async function* live() {
      try {
        while (!signal.aborted) {
          const item = queue.shift();
          if (item === 'end') return;
          if (item) yield item;
          else await arrival();
        }
        throw new Error('aborted');
      } finally {
        followers.delete(push);
      }
    })();
  };
  return {
    open,
    requests,
    follows: () => requests.filter(r => r.request.follow),
    openFollows: () => followers.size,
    write: (l: LogLine) => followers.forEach(f => f(l)),
    endLog: () => followers.forEach(f => f('end')),
  };
}

const request = (o: Partial<PodLogRequest> = {}): PodLogRequest => ({
  namespace: 'shop-dev',
  ...source,
  tailLines: 0,
  follow: true,
  timestamps: true,
  ...o,
});

/** A client reading one stream into `lines` until `stop()`. */
function client(logs: SharedLogFollows, r: PodLogRequest) {
  const controller = new AbortController();
  const lines: LogLine[] = [];
  const done = (async () => {
    for await (const l of logs.lines(r, controller.signal)) lines.push(l);
  })().then(
    () => undefined,
    (error: Error) => error,
  );
  return { lines, done, stop: () => controller.abort() };
}

async function until(condition: () => boolean) {
  while (!condition()) await new Promise(resolve => setImmediate(resolve));
}

describe('SharedLogFollows', () => {
  it('serves many streams of one container from one upstream follow, closed when the last leaves', async () => {
    const api = fakeLogApi();
    const logs = new SharedLogFollows(api.open);
    const clients = Array.from({ length: 50 }, () => client(logs, request()));
    await until(() => api.openFollows() === 1);
    api.write(line(1, 'hello'));
    await until(() => clients.every(c => c.lines.length === 1));

    expect(api.follows()).toHaveLength(1);
    expect(clients[49].lines).toEqual([line(1, 'hello')]);

    clients.slice(1).forEach(c => c.stop());
    await Promise.all(clients.slice(1).map(c => c.done));
    expect(api.follows()[0].signal.aborted).toBe(false);
    clients[0].stop();
    await clients[0].done;
    expect(api.follows()[0].signal.aborted).toBe(true);
    expect(logs.upstreams).toBe(0);
  });

  it('sends each client its own history, then the live lines it has not had yet', async () => {
    const api = fakeLogApi([line(1, 'a'), line(2, 'b'), line(2, 'c')]);
    const logs = new SharedLogFollows(api.open);
    const early = client(logs, request());
    await until(() => api.openFollows() === 1);
    const late = client(logs, request({ tailLines: 3, timestamps: false }));
    // Written after the late client joined and before it read its history, which has it too.
    api.write(line(2, 'c'));
    await until(() => api.requests.length === 2);
    api.write(line(3, 'd'));
    await until(() => late.lines.length === 4 && early.lines.length === 2);

    expect(late.lines.map(l => l.text)).toEqual(['a', 'b', 'c', 'd']);
    expect(late.lines[0]).toEqual({ ...source, text: 'a' });
    expect(early.lines.map(l => l.text)).toEqual(['c', 'd']);
    expect(
      api.requests.map(r => [r.request.follow, r.request.tailLines]),
    ).toEqual([
      [true, 0],
      [false, 3],
    ]);
    early.stop();
    late.stop();
    await Promise.all([early.done, late.done]);
  });

  it('ends the stream of a client that fell too far behind, and only that one', async () => {
    const api = fakeLogApi();
    const logs = new SharedLogFollows(api.open, { maxQueuedLines: 3 });
    const controller = new AbortController();
    const slow = logs.lines(request(), controller.signal);
    const first = slow.next();
    const fast = client(logs, request());
    await until(() => api.openFollows() === 1);
    for (let i = 0; i < 5; i++) api.write(line(i, `l${i}`));
    await until(() => fast.lines.length === 5);

    // The slow one took one line; three waited, the fourth was one too many.
    expect((await first).value).toEqual(line(0, 'l0'));
    const rest: string[] = [];
    await expect(
      (async () => {
        for await (const l of slow) rest.push(l.text);
      })(),
    ).rejects.toThrow(/fell more than 3 lines or \d+ characters behind/);
    expect(rest).toEqual(['l1', 'l2', 'l3']);
    expect(api.openFollows()).toBe(1);
    fast.stop();
    await fast.done;
  });

  it('bounds what waits for a slow client in characters too, whatever the line count', async () => {
    const api = fakeLogApi();
    const logs = new SharedLogFollows(api.open, { maxQueuedChars: 10_000 });
    const controller = new AbortController();
    const slow = logs.lines(request(), controller.signal);
    const first = slow.next();
    // Reads along, so the test knows when every line has been handed out.
    const fast = client(logs, request());
    await until(() => api.openFollows() === 1);
    for (let i = 0; i < 4; i++) api.write(line(i, 'x'.repeat(4000)));
    await until(() => fast.lines.length === 4);

    expect((await first).value?.text).toHaveLength(4000);
    const rest: number[] = [];
    await expect(
      (async () => {
        for await (const l of slow) rest.push(l.text.length);
      })(),
    ).rejects.toThrow(/10000 characters behind/);
    // Two waited (8,000 characters); the third would have made 12,000.
    expect(rest).toEqual([4000, 4000]);
    fast.stop();
    await fast.done;
  });

  it('ends every stream when the log ends, and reports a refused follow to each', async () => {
    const api = fakeLogApi();
    const logs = new SharedLogFollows(api.open);
    const a = client(logs, request());
    const b = client(logs, request());
    await until(() => api.openFollows() === 1);
    api.endLog();
    await expect(Promise.all([a.done, b.done])).resolves.toEqual([
      undefined,
      undefined,
    ]);
    expect(logs.upstreams).toBe(0);

    const refusing = new SharedLogFollows(async () => {
      throw new Error('container "main" is waiting to start');
    });
    const c = client(refusing, request());
    await expect(c.done).resolves.toEqual(
      new Error('container "main" is waiting to start'),
    );
  });

  it('lets a client leave while the API server has not answered, and closes the request', async () => {
    let upstream: AbortSignal | undefined;
    const logs = new SharedLogFollows(
      (_request, signal) =>
        new Promise((_resolve, reject) => {
          upstream = signal;
          signal.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    );
    const c = client(logs, request());
    await until(() => upstream !== undefined);
    c.stop();

    await expect(c.done).resolves.toBeUndefined();
    expect(upstream!.aborted).toBe(true);
    expect(logs.upstreams).toBe(0);
  });

  it('reads without following straight from the API, shared with no one', async () => {
    const api = fakeLogApi([line(1, 'a')]);
    const logs = new SharedLogFollows(api.open);
    const once = client(logs, request({ follow: false, tailLines: 10 }));
    await once.done;
    expect(once.lines).toEqual([line(1, 'a')]);
    expect(api.follows()).toEqual([]);
  });
});

describe('sortableTimestamp', () => {
  it('orders RFC3339Nano times whose fractions lost their trailing zeros', () => {
    const times = [
      '2026-11-30T15:00:01.5Z',
      '2026-11-30T15:00:01.123456789Z',
      '2026-11-30T15:00:01Z',
    ];
    expect(
      [...times].sort((x, y) =>
        sortableTimestamp(x).localeCompare(sortableTimestamp(y)),
      ),
    ).toEqual([
      '2026-11-30T15:00:01Z',
      '2026-11-30T15:00:01.123456789Z',
      '2026-11-30T15:00:01.5Z',
    ]);
  });
});
