/**
 * Samples this process's resident set size on an interval and keeps the peak. Node's own
 * `resourceUsage().maxRSS` would include the start-up before the benchmark began; sampling
 * covers only the span between construction and {@link PeakRss.stop}.
 */
export class PeakRss {
  private peak = process.memoryUsage.rss();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(intervalMs = 100) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** The highest RSS seen so far, in MiB. */
  mib(): number {
    this.sample();
    return this.peak / 2 ** 20;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample() {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }
}
