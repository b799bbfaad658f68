/**
 * Shares reads by key for a short while: a caller asking for a key read less than `maxAgeMs`
 * ago gets that read (in flight or settled) instead of starting another. A read that rejects
 * or resolves undefined ("unknown") is forgotten once it settles, so the next caller asks
 * again; callers waiting on it meanwhile share its answer.
 */
export class RecentReads<T> {
  /** In the order they were started, so the oldest are first. */
  private readonly reads = new Map<
    string,
    { at: number; value: Promise<T | undefined> }
  >();

  constructor(
    private readonly maxAgeMs: number,
    /** Monotonic (performance.now): a wall clock set back would make old reads look new. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string, read: () => Promise<T | undefined>): Promise<T | undefined> {
    const now = this.now();
    this.forgetOld(now);
    const recent = this.reads.get(key);
    if (recent && now - recent.at < this.maxAgeMs) return recent.value;
    const entry = { at: now, value: read() };
    // Deleted first so the new read goes to the end: the map stays in the order reads started.
    this.reads.delete(key);
    this.reads.set(key, entry);
    const forget = () => {
      if (this.reads.get(key) === entry) this.reads.delete(key);
    };
    entry.value.then(value => value === undefined && forget(), forget);
    return entry.value;
  }

  /** Keys with a read kept now; for tests and bounds. */
  get size(): number {
    return this.reads.size;
  }

  /** Drops the reads `maxAgeMs` old or older; they are first in the map. */
  private forgetOld(now: number): void {
    for (const [key, { at }] of this.reads) {
      if (now - at < this.maxAgeMs) return;
      this.reads.delete(key);
    }
  }
}
