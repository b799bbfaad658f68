/**
 * A map of at most `capacity` entries that drops the least recently used first: a memo of
 * results by input, bounded however many inputs the catalog goes through.
 */
export class RecentResults<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  /** The value of `key`, now the most recently used. */
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  /**
   * Forgets `key` if it still holds `value`: a result that turned out to be a failure, or one
   * not to keep.
   */
  forget(key: string, value: V): void {
    if (this.entries.get(key) === value) this.entries.delete(key);
  }
}
