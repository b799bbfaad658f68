/** The ranges the metrics and traces routes accept, as the spec's enum spells them. */
export const RANGES = {
  '15m': 15 * 60_000,
  '30m': 30 * 60_000,
  '1h': 60 * 60_000,
  '3h': 3 * 60 * 60_000,
  '6h': 6 * 60 * 60_000,
  '12h': 12 * 60 * 60_000,
  '24h': 24 * 60 * 60_000,
} as const;

export type RangeName = keyof typeof RANGES;

/** The most points a series may have: a chart has no use for more, a server pays for them. */
export const MAX_POINTS = 500;
/** No finer than the scrape interval can tell apart (the local cluster scrapes every 10 s). */
export const MIN_STEP_SECONDS = 15;
/** A rate needs several scrapes in its window. */
const MIN_WINDOW_SECONDS = 60;

/** A range name as milliseconds; anything but the known names is refused. */
export function rangeMs(name: string): number {
  if (!Object.prototype.hasOwnProperty.call(RANGES, name))
    throw new RangeError(
      `range must be one of ${Object.keys(RANGES).join(', ')}`,
    );
  return RANGES[name as RangeName];
}

/** The step for a range: at least 15 s, and coarse enough for at most 500 points. */
export function stepSecondsFor(durationMs: number): number {
  const seconds = durationMs / 1000;
  return Math.max(MIN_STEP_SECONDS, Math.ceil(seconds / (MAX_POINTS - 1)));
}

/** The window of `rate()`: two steps, at least a minute. */
export function rateWindowSeconds(stepSeconds: number): number {
  return Math.max(MIN_WINDOW_SECONDS, 2 * stepSeconds);
}
