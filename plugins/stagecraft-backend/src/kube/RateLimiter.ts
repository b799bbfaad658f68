/** Options of {@link RateLimiter}, with client-go's meaning. */
export interface RateLimiterOptions {
  /** Tokens added per second; `0` or less means no limit at all. */
  qps: number;
  /** Tokens the bucket holds: requests that may go at once after a quiet period. At least 1. */
  burst: number;
}

/**
 * A token bucket shared by everything that talks to one API server, like client-go's
 * `flowcontrol.NewTokenBucketRateLimiter`: `burst` tokens at first, refilled at `qps` per
 * second. Callers wait in FIFO order; one timer is armed for the first waiter, so waiting
 * costs no CPU.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt = Date.now();
  private readonly waiters: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: RateLimiterOptions) {
    this.tokens = this.capacity;
  }

  /** Resolves when the caller may send one request. */
  acquire(): Promise<void> {
    if (this.options.qps <= 0) return Promise.resolve();
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise(resolve => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  /** How many callers are waiting for a token. */
  waiting(): number {
    return this.waiters.length;
  }

  private get capacity() {
    return Math.max(1, this.options.burst);
  }

  private refill() {
    const now = Date.now();
    const earned = ((now - this.updatedAt) / 1000) * this.options.qps;
    this.tokens = Math.min(this.capacity, this.tokens + earned);
    this.updatedAt = now;
  }

  /** Arms the single timer for the moment the first waiter's token is due. */
  private schedule() {
    if (this.timer || this.waiters.length === 0) return;
    const delay = Math.ceil(((1 - this.tokens) / this.options.qps) * 1000);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.release();
    }, Math.max(0, delay));
  }

  private release() {
    this.refill();
    while (this.waiters.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.waiters.shift()?.();
    }
    this.schedule();
  }
}
