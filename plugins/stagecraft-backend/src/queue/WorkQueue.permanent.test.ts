import { PermanentError } from './PermanentError';
import { WorkQueue } from './WorkQueue';

describe('WorkQueue and permanent errors', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('does not retry a key whose run failed permanently, and reports it as such', async () => {
    const retried: number[] = [];
    const permanent: [string, string][] = [];
    const queue = new WorkQueue<string>({
      onError: (_key, _error, attempt) => retried.push(attempt),
      onPermanentError: (key, error) => permanent.push([key, error.message]),
    });
    const runs: string[] = [];
    queue.start(async key => {
      runs.push(key);
      throw new PermanentError(`${key} cannot work as it is`);
    });
    queue.add('a');
    await jest.advanceTimersByTimeAsync(60 * 60_000);
    expect(runs).toEqual(['a']);
    expect(retried).toEqual([]);
    expect(permanent).toEqual([['a', 'a cannot work as it is']]);
    // Whatever changes its input adds it again, and it runs at once.
    queue.add('a');
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toEqual(['a', 'a']);
    await queue.stop();
  });

  it('starts the backoff over after a permanent failure', async () => {
    const attempts: number[] = [];
    const queue = new WorkQueue<string>({
      onError: (_key, _error, attempt) => attempts.push(attempt),
    });
    const failures = [new Error('down'), new PermanentError('invalid')];
    queue.start(async () => {
      const failure = failures.shift();
      if (failure) throw failure;
    });
    queue.add('a');
    await jest.advanceTimersByTimeAsync(0);
    // The retry after 1 s fails permanently: no third run without an add.
    await jest.advanceTimersByTimeAsync(1000);
    failures.push(new Error('down again'));
    queue.add('a');
    await jest.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual([1, 1]);
    await queue.stop();
  });

  it('keeps going when the permanent-error reporter throws', async () => {
    const queue = new WorkQueue<string>({
      onPermanentError: () => {
        throw new Error('the reporter broke');
      },
    });
    const runs: string[] = [];
    queue.start(async key => {
      runs.push(key);
      if (key === 'a') throw new PermanentError('invalid');
    });
    queue.add('a');
    queue.add('b');
    await queue.onIdle();
    expect(runs).toEqual(['a', 'b']);
    await queue.stop();
  });
});
