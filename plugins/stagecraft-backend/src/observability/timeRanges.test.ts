import {
  MAX_POINTS,
  RANGES,
  rangeMs,
  rateWindowSeconds,
  stepSecondsFor,
} from './timeRanges';

describe('time ranges', () => {
  it('never asks for more than 500 points nor a step under 15 s', () => {
    for (const ms of Object.values(RANGES)) {
      const step = stepSecondsFor(ms);
      expect(step).toBeGreaterThanOrEqual(15);
      expect(Math.floor(ms / 1000 / step) + 1).toBeLessThanOrEqual(MAX_POINTS);
    }
    expect(stepSecondsFor(RANGES['1h'])).toBe(15);
  });

  it('refuses ranges that are not in the list, such as a week', () => {
    expect(() => rangeMs('7d')).toThrow(/range must be one of/);
    expect(() => rangeMs('constructor')).toThrow(/range must be one of/);
    expect(rangeMs('24h')).toBe(86_400_000);
  });

  it('rates over at least a minute', () => {
    expect(rateWindowSeconds(15)).toBe(60);
    expect(rateWindowSeconds(174)).toBe(348);
  });
});
