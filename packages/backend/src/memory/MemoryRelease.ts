/** What {@link MemoryRelease} reads and does; the process's own by default. */
export interface MemoryReleaseDeps {
  /** Resident set size of the process now, in bytes. */
  rss(): number;
  /** Collects garbage and returns free pages to the operating system. */
  release(): Promise<void>;
  /** Told after each release: RSS before and after, in bytes, and how long it took. */
  onRelease?(before: number, after: number, ms: number): void;
}

/**
 * Keeps the backend's resident memory near what it uses. V8 keeps the pages a busy heap
 * grew into — garbage, fragmented old space and a pool of freed pages — and gives them back
 * only when the process is idle enough for its memory reducer, which a backend whose catalog
 * processes entities all the time never is: at 1,000 components × 2 environments the backend
 * held 880 MiB, of which one low-memory collection released 430 MiB (docs/benchmarks.md,
 * "Memory of the real backend").
 *
 * Each check, if RSS has grown by more than `growthBytes` since the last release (or since
 * this was made), asks for one such collection. It costs a full GC pause (tenths of a second
 * for a 200 MiB heap), at most once per check, and only while memory grows.
 */
export class MemoryRelease {
  /** RSS right after the last release, or when this was made. */
  private floor: number;
  private running = false;

  constructor(
    private readonly deps: MemoryReleaseDeps,
    private readonly growthBytes: number,
  ) {
    this.floor = deps.rss();
  }

  /** One check; resolves when a release it started is done. Never runs two at once. */
  async check(): Promise<void> {
    if (this.running || this.deps.rss() - this.floor <= this.growthBytes)
      return;
    this.running = true;
    try {
      const before = this.deps.rss();
      const started = Date.now();
      await this.deps.release();
      this.floor = this.deps.rss();
      this.deps.onRelease?.(before, this.floor, Date.now() - started);
    } finally {
      this.running = false;
    }
  }
}
