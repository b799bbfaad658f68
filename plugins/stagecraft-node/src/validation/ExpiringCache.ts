/**
 * Values kept for `ttlMs` each, at most `capacity` of them: the one written longest ago is
 * dropped first. With a `ttlMs` of 0 nothing is kept. Values are usually promises, so readers
 * that come while a read is under way share it.
 */
export class ExpiringCache<T> {
  private readonly entries = new Map<string, { at: number; value: T }>();

  constructor(
    private readonly options: {
      ttlMs: number;
      capacity: number;
      now: () => number;
    },
  ) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    return entry && this.options.now() - entry.at < this.options.ttlMs
      ? entry.value
      : undefined;
  }

  set(key: string, value: T): void {
    if (this.options.ttlMs <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.options.capacity)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { at: this.options.now(), value });
  }

  /** Drops `key` if it still holds `value` (a read that failed, or found too little to keep). */
  forget(key: string, value: T): void {
    if (this.entries.get(key)?.value === value) this.entries.delete(key);
  }
}
