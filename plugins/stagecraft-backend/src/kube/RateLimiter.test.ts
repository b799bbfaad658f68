import { RateLimiter } from './RateLimiter';

describe('RateLimiter', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** Starts `n` acquires and records, in order, which have been granted. */
  const acquireMany = (limiter: RateLimiter, n: number) => {
    const granted: number[] = [];
    for (let i = 0; i < n; i++) {
      void limiter.acquire().then(() => granted.push(i));
    }
    return granted;
  };

  it('grants a burst at once, then one more per 1/qps seconds', async () => {
    const limiter = new RateLimiter({ qps: 2, burst: 3 });
    const granted = acquireMany(limiter, 5);
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 1, 2]);

    await jest.advanceTimersByTimeAsync(499);
    expect(granted).toEqual([0, 1, 2]);
    await jest.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([0, 1, 2, 3]);
    await jest.advanceTimersByTimeAsync(500);
    expect(granted).toEqual([0, 1, 2, 3, 4]);
  });

  it('serves waiters in the order they came', async () => {
    const limiter = new RateLimiter({ qps: 10, burst: 1 });
    const granted = acquireMany(limiter, 4);
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0]);
    await jest.advanceTimersByTimeAsync(300);
    expect(granted).toEqual([0, 1, 2, 3]);
  });

  it('puts a newcomer behind the waiters even when a token has come in', async () => {
    const limiter = new RateLimiter({ qps: 1, burst: 1 });
    const granted = acquireMany(limiter, 2);
    await jest.advanceTimersByTimeAsync(0);
    // The clock moves on but the waiter's timer has not run yet (a busy event loop).
    jest.setSystemTime(Date.now() + 1000);
    void limiter.acquire().then(() => granted.push(99));
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(granted).toEqual([0, 1]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(granted).toEqual([0, 1, 99]);
  });

  it('saves up no more than the burst while idle', async () => {
    const limiter = new RateLimiter({ qps: 5, burst: 2 });
    await jest.advanceTimersByTimeAsync(60 * 60_000);
    const granted = acquireMany(limiter, 4);
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 1]);
  });

  it('waits on one timer, however many callers wait', async () => {
    const limiter = new RateLimiter({ qps: 1, burst: 1 });
    acquireMany(limiter, 50);
    await jest.advanceTimersByTimeAsync(0);
    expect(limiter.waiting()).toBe(49);
    expect(jest.getTimerCount()).toBe(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(limiter.waiting()).toBe(39);
    expect(jest.getTimerCount()).toBe(1);
  });

  it('arms no timer once nobody waits', async () => {
    const limiter = new RateLimiter({ qps: 1, burst: 1 });
    acquireMany(limiter, 3);
    await jest.advanceTimersByTimeAsync(2_000);
    expect(limiter.waiting()).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it.each([0, -1])('does not limit at all when qps is %p', async qps => {
    const limiter = new RateLimiter({ qps, burst: 1 });
    const granted = acquireMany(limiter, 1000);
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toHaveLength(1000);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('treats a burst below 1 as 1, so requests still flow', async () => {
    const limiter = new RateLimiter({ qps: 1, burst: 0 });
    const granted = acquireMany(limiter, 2);
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1000);
    expect(granted).toEqual([0, 1]);
  });
});
