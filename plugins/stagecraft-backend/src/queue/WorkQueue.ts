import { PermanentError } from './PermanentError';

/** Per-key exponential backoff of failed keys: `baseMs × factor^(attempt − 1)`, at most `maxMs`. */
export interface BackoffOptions {
  /** Delay before the first retry. */
  baseMs: number;
  /** Growth of the delay per further failure. */
  factor: number;
  /** The longest delay. */
  maxMs: number;
}

/** client-go's `DefaultItemBasedRateLimiter` schedule, capped at five minutes. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  baseMs: 1_000,
  factor: 2,
  maxMs: 5 * 60_000,
};

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions<K extends string> {
  /** How failed keys are retried; any field left out takes {@link DEFAULT_BACKOFF}'s. */
  backoff?: Partial<BackoffOptions>;
  /**
   * Told about every failed run that is retried after its backoff. `attempt` counts the key's
   * consecutive failures, from 1. Whatever it throws is ignored.
   */
  onError?: (key: K, error: unknown, attempt: number) => void;
  /**
   * Told about a run that failed with a {@link PermanentError}: the key is not retried, and
   * its next add starts its backoff over. Whatever it throws is ignored.
   */
  onPermanentError?: (key: K, error: PermanentError) => void;
}

/** Options of {@link WorkQueue.start}. */
export interface WorkQueueStartOptions {
  /** How many keys are processed at once. */
  concurrency: number;
}

type Handler<K> = (key: K) => Promise<void>;

/**
 * A queue of keys to process, modelled on client-go's workqueue:
 *
 * - a key is queued at most once: adding a queued key does nothing;
 * - a key is never processed by two workers at once: adding a key that is being processed
 *   marks it dirty, and it runs once more when the current run ends;
 * - a run that throws is retried after a per-key exponential backoff, which a success resets;
 *   a run that throws a {@link PermanentError} is not retried: only a new add runs it again.
 *
 * Keys name work ("reconcile this deployment"), not its content, so whatever changed in
 * between, one more run sees the latest state.
 */
export class WorkQueue<K extends string> {
  private readonly backoff: BackoffOptions;
  /** Keys waiting for a worker, in order. */
  private readonly queue: K[] = [];
  /** Keys that need a run: those queued and those added again while being processed. */
  private readonly dirty = new Set<K>();
  private readonly processing = new Set<K>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly failures = new Map<K, number>();
  /** One timer per key added for later, with the time it is due. */
  private readonly delayed = new Map<
    K,
    { dueAt: number; timer: ReturnType<typeof setTimeout> }
  >();
  private readonly idleWaiters: (() => void)[] = [];
  private handler: Handler<K> | undefined;
  private concurrency = 1;
  private stopped = false;

  constructor(private readonly options: WorkQueueOptions<K> = {}) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  /** Queues a key unless it is already queued. Ignored once the queue is stopped. */
  add(key: K): void {
    if (this.stopped || this.dirty.has(key)) return;
    this.dirty.add(key);
    // A key being processed is queued again when its run ends.
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.dispatch();
  }

  /** Queues a key after `ms`. Of several pending delays for one key, the earliest wins. */
  addAfter(key: K, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    const dueAt = Date.now() + ms;
    const pending = this.delayed.get(key);
    if (pending && pending.dueAt <= dueAt) return;
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    this.delayed.set(key, { dueAt, timer });
  }

  /** Starts processing with `concurrency` workers. A queue starts once. */
  start(
    handler: Handler<K>,
    options: WorkQueueStartOptions = { concurrency: 1 },
  ): void {
    if (this.handler) throw new Error('the work queue is already started');
    if (this.stopped) throw new Error('the work queue is stopped');
    this.handler = handler;
    this.concurrency = Math.max(1, options.concurrency);
    this.dispatch();
  }

  /**
   * Stops taking keys: queued keys and pending retries are dropped, later adds ignored.
   * Resolves when the runs in flight have ended.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const { timer } of this.delayed.values()) clearTimeout(timer);
    this.delayed.clear();
    this.queue.length = 0;
    this.dirty.clear();
    await Promise.all([...this.inFlight]);
    this.notifyIfIdle();
  }

  /** How many keys wait for a worker (not those being processed, nor delayed ones). */
  len(): number {
    return this.queue.length;
  }

  /**
   * Resolves when no key is queued or being processed. Keys waiting for a delay or a retry
   * do not count, so a failing key cannot keep a test or benchmark waiting for its backoff.
   */
  onIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise(resolve => this.idleWaiters.push(resolve));
  }

  private dispatch() {
    const handler = this.handler;
    if (!handler || this.stopped) return;
    while (this.processing.size < this.concurrency && this.queue.length > 0) {
      const key = this.queue.shift() as K;
      this.dirty.delete(key);
      this.processing.add(key);
      const run = this.process(handler, key);
      this.inFlight.add(run);
      run.finally(() => this.inFlight.delete(run));
    }
  }

  private async process(handler: Handler<K>, key: K): Promise<void> {
    try {
      await handler(key);
      this.failures.delete(key);
    } catch (error) {
      this.retry(key, error);
    } finally {
      this.processing.delete(key);
      // Added again while it ran: run once more, now that this run is over.
      if (this.dirty.has(key)) this.queue.push(key);
      this.dispatch();
      this.notifyIfIdle();
    }
  }

  private retry(key: K, error: unknown) {
    if (error instanceof PermanentError) {
      this.failures.delete(key);
      try {
        this.options.onPermanentError?.(key, error);
      } catch {
        // A failing error reporter must not stop the queue.
      }
      return;
    }
    const attempt = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, attempt);
    try {
      this.options.onError?.(key, error, attempt);
    } catch {
      // A failing error reporter must not stop the retry.
    }
    const { baseMs, factor, maxMs } = this.backoff;
    this.addAfter(key, Math.min(maxMs, baseMs * factor ** (attempt - 1)));
  }

  private isIdle() {
    return this.queue.length === 0 && this.processing.size === 0;
  }

  private notifyIfIdle() {
    if (!this.isIdle()) return;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
