import { WorkQueue } from './WorkQueue';

/** A handler whose runs end only when the test says so. */
function gatedHandler() {
  const runs: string[] = [];
  const gates: (() => void)[] = [];
  let running = 0;
  let maxRunning = 0;
  const handler = (key: string) => {
    runs.push(key);
    running += 1;
    maxRunning = Math.max(maxRunning, running);
    return new Promise<void>(resolve =>
      gates.push(() => {
        running -= 1;
        resolve();
      }),
    );
  };
  return {
    handler,
    runs,
    maxRunning: () => maxRunning,
    /** Ends the oldest unfinished run. */
    finishNext: async () => {
      gates.shift()?.();
      await jest.advanceTimersByTimeAsync(0);
    },
  };
}

/** A handler that fails its first `failures` runs of each key. */
function flakyHandler(failures: number) {
  const runs: string[] = [];
  const handler = async (key: string) => {
    runs.push(key);
    if (runs.filter(k => k === key).length <= failures) {
      throw new Error(`${key} failed`);
    }
  };
  return { handler, runs };
}

describe('WorkQueue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs every added key and then is idle', async () => {
    const queue = new WorkQueue<string>();
    const runs: string[] = [];
    queue.add('a');
    queue.add('b');
    queue.start(async key => {
      runs.push(key);
    });
    await queue.onIdle();
    expect(runs).toEqual(['a', 'b']);
    await queue.stop();
  });

  it('queues a key once however often it is added', async () => {
    const queue = new WorkQueue<string>();
    const runs: string[] = [];
    for (const key of ['a', 'b', 'a', 'a', 'b']) queue.add(key);
    expect(queue.len()).toBe(2);
    queue.start(async key => {
      runs.push(key);
    });
    await queue.onIdle();
    expect(runs).toEqual(['a', 'b']);
    await queue.stop();
  });

  it('never runs one key twice at once, and runs it once more when added during a run', async () => {
    const queue = new WorkQueue<string>();
    const gated = gatedHandler();
    queue.start(gated.handler, { concurrency: 4 });
    queue.add('a');
    await jest.advanceTimersByTimeAsync(0);
    queue.add('a');
    queue.add('a');
    await jest.advanceTimersByTimeAsync(0);
    expect(gated.runs).toEqual(['a']);
    expect(queue.len()).toBe(0);

    await gated.finishNext();
    expect(gated.runs).toEqual(['a', 'a']);
    await gated.finishNext();
    await queue.onIdle();
    expect(gated.runs).toEqual(['a', 'a']);
    expect(gated.maxRunning()).toBe(1);
    await queue.stop();
  });

  it('runs at most `concurrency` keys at once', async () => {
    const queue = new WorkQueue<string>();
    const gated = gatedHandler();
    for (const key of ['a', 'b', 'c', 'd', 'e']) queue.add(key);
    queue.start(gated.handler, { concurrency: 2 });
    await jest.advanceTimersByTimeAsync(0);
    expect(gated.runs).toEqual(['a', 'b']);
    expect(queue.len()).toBe(3);
    for (let i = 0; i < 5; i++) await gated.finishNext();
    await queue.onIdle();
    expect(gated.runs).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(gated.maxRunning()).toBe(2);
    await queue.stop();
  });

  it('retries a failing key after 1 s, 2 s, 4 s… and reports each failure', async () => {
    const errors: [string, string, number][] = [];
    const queue = new WorkQueue<string>({
      onError: (key, error, attempt) =>
        errors.push([key, (error as Error).message, attempt]),
    });
    const flaky = flakyHandler(3);
    queue.start(flaky.handler);
    queue.add('a');
    await jest.advanceTimersByTimeAsync(0);
    expect(flaky.runs).toHaveLength(1);

    for (const [delay, runsAfter] of [
      [1000, 2],
      [2000, 3],
      [4000, 4],
    ]) {
      await jest.advanceTimersByTimeAsync(delay - 1);
      expect(flaky.runs).toHaveLength(runsAfter - 1);
      await jest.advanceTimersByTimeAsync(1);
      expect(flaky.runs).toHaveLength(runsAfter);
    }
    expect(errors).toEqual([
      ['a', 'a failed', 1],
      ['a', 'a failed', 2],
      ['a', 'a failed', 3],
    ]);
    // The fourth run succeeded: no more retries.
    await jest.advanceTimersByTimeAsync(60 * 60_000);
    expect(flaky.runs).toHaveLength(4);
    await queue.stop();
  });

  it('caps the backoff and takes its settings from the options', async () => {
    const queue = new WorkQueue<string>({
      backoff: { baseMs: 100, factor: 10, maxMs: 5000 },
    });
    const flaky = flakyHandler(10);
    queue.start(flaky.handler);
    queue.add('a');
    await jest.advanceTimersByTimeAsync(0);
    // Delays: 100, 1000, 5000 (not 10000), 5000.
    await jest.advanceTimersByTimeAsync(100 + 1000 + 5000);
    expect(flaky.runs).toHaveLength(4);
    await jest.advanceTimersByTimeAsync(4999);
    expect(flaky.runs).toHaveLength(4);
    await jest.advanceTimersByTimeAsync(1);
    expect(flaky.runs).toHaveLength(5);
    await queue.stop();
  });

  it('backs off each key on its own and starts over after a success', async () => {
    const attempts: [string, number][] = [];
    const queue = new WorkQueue<string>({
      onError: (key, _error, attempt) => attempts.push([key, attempt]),
    });
    let failing = true;
    queue.start(async key => {
      if (failing || key === 'b') throw new Error('no');
    });
    queue.add('a');
    queue.add('b');
    await jest.advanceTimersByTimeAsync(0);
    failing = false;
    await jest.advanceTimersByTimeAsync(1000);
    // a succeeded on its retry; b failed a second time.
    failing = true;
    queue.add('a');
    await jest.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual([
      ['a', 1],
      ['b', 1],
      ['b', 2],
      ['a', 1],
    ]);
    await queue.stop();
  });

  it('runs a key added for later only when its time has come, the earliest of several', async () => {
    const queue = new WorkQueue<string>();
    const runs: string[] = [];
    queue.start(async key => {
      runs.push(key);
    });
    queue.addAfter('a', 5000);
    queue.addAfter('a', 2000);
    queue.addAfter('a', 9000);
    await jest.advanceTimersByTimeAsync(1999);
    expect(runs).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(['a']);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs).toEqual(['a']);
    queue.addAfter('b', 0);
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['a', 'b']);
    await queue.stop();
  });

  it('is idle while keys only wait for a delay or a retry', async () => {
    const queue = new WorkQueue<string>();
    await expect(queue.onIdle()).resolves.toBeUndefined();
    queue.start(flakyHandler(1).handler);
    queue.add('a');
    queue.addAfter('b', 60_000);
    await queue.onIdle();
    expect(jest.getTimerCount()).toBe(2);
    await queue.stop();
  });

  it('stops: waits for runs in flight, drops queued keys and pending retries, ignores new adds', async () => {
    const queue = new WorkQueue<string>();
    const gated = gatedHandler();
    queue.start(gated.handler);
    queue.add('a');
    queue.add('b');
    queue.addAfter('c', 1000);
    await jest.advanceTimersByTimeAsync(0);

    let stopped = false;
    const stopping = queue.stop().then(() => {
      stopped = true;
    });
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    await gated.finishNext();
    await stopping;
    expect(stopped).toBe(true);

    queue.add('d');
    await jest.advanceTimersByTimeAsync(60_000);
    expect(gated.runs).toEqual(['a']);
    expect(queue.len()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    await expect(queue.onIdle()).resolves.toBeUndefined();
  });

  it('drops the retry of a run that fails while stopping', async () => {
    const queue = new WorkQueue<string>();
    const runs: string[] = [];
    let fail: (error: Error) => void = () => {};
    queue.start(
      key =>
        new Promise<void>((_resolve, reject) => {
          runs.push(key);
          fail = reject;
        }),
    );
    queue.add('a');
    await jest.advanceTimersByTimeAsync(0);
    const stopping = queue.stop();
    fail(new Error('boom'));
    await stopping;
    await jest.advanceTimersByTimeAsync(60 * 60_000);
    expect(runs).toEqual(['a']);
  });

  it('refuses to start twice', async () => {
    const queue = new WorkQueue<string>();
    queue.start(async () => {});
    expect(() => queue.start(async () => {})).toThrow(/already started/);
    await queue.stop();
  });
});

describe('WorkQueue failures', () => {
  it('never lets a failing handler or error reporter reach the process', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const queue = new WorkQueue<string>({
        onError: () => {
          throw new Error('the reporter broke too');
        },
      });
      let runs = 0;
      queue.start(((key: string) => {
        runs += 1;
        if (key === 'sync') throw new Error('thrown before any await');
        return Promise.reject(new Error('rejected'));
      }) as (key: string) => Promise<void>);
      queue.add('sync');
      queue.add('async');
      await queue.onIdle();
      await queue.stop();
      // Node reports unhandled rejections once the microtasks have drained.
      await new Promise(resolve => setImmediate(resolve));
      expect(runs).toBe(2);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
