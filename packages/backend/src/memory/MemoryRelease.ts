/** What {@link MemoryRelease} reads and does; the process's own by default. */
export interface MemoryReleaseDeps {
  /** Resident set size of the process now, in bytes. */
  rss(): number;
  /** Collects garbage and returns free pages to the operating system. */
  release(): Promise<void>;
  /** Told after each release: RSS before and after, in bytes, and how long it took. */
  onRelease?(before: number, after: number, ms: number): void;
  /** Milliseconds since some fixed point; Date.now by default. */
  now?(): number;
}

/**
 * The most release time saved for a burst: at 1,000 components, twenty releases of 150 ms in
 * a row; at 5,000, six of half a second.
 */
const DEFAULT_BURST_MS = 3_000;

/**
 * Keeps the backend's resident memory near what it uses. V8 keeps the pages a busy heap
 * grew into — garbage, fragmented old space and a pool of freed pages — and gives them back
 * only when the process is idle enough for its memory reducer, which a backend whose catalog
 * processes entities all the time never is: at 1,000 components × 2 environments the backend
 * held 880 MiB, of which one low-memory collection released 430 MiB (docs/benchmarks.md,
 * "Memory of the real backend").
 *
 * Each check, if RSS has grown by more than `growthBytes` since the last release (or since
 * this was made), asks for one such collection. It costs a full GC pause (a tenth of a second
 * for the 180 MiB heap of 1,000 components, half a second for the 300 MiB of 5,000), at most
 * once per check, and only while memory grows.
 *
 * Releases take at most `maxTimeShare` of the time, on average: a budget of release time fills
 * at that share of the time that passes, up to `burstMs`, and each release spends what it
 * took; none starts while the budget is spent. A busy backend, allocating faster than the
 * allowance, no longer spends its time collecting: at 5,000 components, deploying, a 48 MiB
 * allowance checked every 2 s took a release of about 0.55 s every few seconds, and the
 * catalog trigger's pass overran its 5-minute timeout. A quiet one saves its budget for the
 * bursts of Backstage's processing loop, which at 1,000 components took RSS 100 MiB up within
 * seconds: spacing each release by its own cost instead (t / share after one of t) left RSS
 * above 400 MiB in those bursts, as often as not.
 */
export class MemoryRelease {
  /** RSS right after the last release, or when this was made. */
  private floor: number;
  private running = false;
  /** Release time still allowed, in ms (see the time share above); starts full. */
  private budgetMs: number;
  private budgetAt: number;

  constructor(
    private readonly deps: MemoryReleaseDeps,
    private readonly growthBytes: number,
    private readonly maxTimeShare = 1,
    private readonly burstMs = DEFAULT_BURST_MS,
  ) {
    this.floor = deps.rss();
    this.budgetMs = burstMs;
    this.budgetAt = this.now();
  }

  /**
   * Releases once, then counts growth from what that release left. The backend starts this
   * right after loading its modules, which leaves garbage V8 has not collected yet: RSS read
   * 360 MiB there with 270 MiB in use, and growth counted from 360 let plugin start-up take
   * RSS to 426 MiB before the first release (docs/benchmarks.md, "Memory of the real backend").
   */
  static async start(
    deps: MemoryReleaseDeps,
    growthBytes: number,
    maxTimeShare?: number,
    burstMs?: number,
  ): Promise<MemoryRelease> {
    await deps.release();
    return new MemoryRelease(deps, growthBytes, maxTimeShare, burstMs);
  }

  /** One check; resolves when a release it started is done. Never runs two at once. */
  async check(): Promise<void> {
    const now = this.now();
    this.budgetMs = Math.min(
      this.burstMs,
      this.budgetMs + (now - this.budgetAt) * this.maxTimeShare,
    );
    this.budgetAt = now;
    if (
      this.running ||
      this.budgetMs <= 0 ||
      this.deps.rss() - this.floor <= this.growthBytes
    )
      return;
    this.running = true;
    try {
      const before = this.deps.rss();
      await this.deps.release();
      const ms = this.now() - now;
      this.floor = this.deps.rss();
      this.budgetMs -= ms;
      this.deps.onRelease?.(before, this.floor, ms);
    } finally {
      this.running = false;
    }
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
