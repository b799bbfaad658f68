/** Logs one warning per key per interval, however often the same failure repeats. */
export class WarningThrottle {
  private readonly lastLogged = new Map<
    string,
    { at: number; suppressed: number }
  >();

  /**
   * @param warn - Where a warning that passes goes.
   * @param intervalMs - How long a key stays quiet after it was logged.
   * @param now - The clock; injectable for tests.
   */
  constructor(
    private readonly warn: (message: string) => void,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Logs `message` unless `key` was logged less than an interval ago; the next message that
   * passes says how many were held back in between.
   */
  report(key: string, message: string): void {
    const last = this.lastLogged.get(key);
    const now = this.now();
    if (last && now - last.at < this.intervalMs) {
      last.suppressed += 1;
      return;
    }
    const held = last?.suppressed
      ? ` (${last.suppressed} similar failure(s) since the last warning)`
      : '';
    this.warn(`${message}${held}`);
    this.lastLogged.set(key, { at: now, suppressed: 0 });
  }

  /** Forgets `key` once its failure is over, so the next outage is reported at once. */
  reset(key: string): void {
    this.lastLogged.delete(key);
  }
}
