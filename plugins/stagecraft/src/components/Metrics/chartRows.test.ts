import { isolatedPoints, seriesFigures, toChartRows } from './chartRows';
import { formatMetricValue } from './formatMetricValue';
import { evenTicks } from './TimeSeriesChart';

describe('toChartRows', () => {
  it('merges series by time, ascending, leaving a gap where a series has no point', () => {
    expect(
      toChartRows([
        {
          pod: 'a',
          points: [
            { t: 2, v: 20 },
            { t: 1, v: 10 },
          ],
        },
        {
          pod: 'b',
          points: [
            { t: 2, v: 5 },
            { t: 3, v: NaN },
          ],
        },
      ]),
    ).toEqual([
      { t: 1, s0: 10 },
      { t: 2, s0: 20, s1: 5 },
    ]);
  });
});

describe('isolatedPoints', () => {
  it('finds the samples no line can reach: alone, or between gaps', () => {
    const rows = toChartRows([
      { pod: 'a', points: [{ t: 1, v: 1 }] },
      {
        pod: 'b',
        points: [
          { t: 1, v: 1 },
          { t: 2, v: 2 },
          { t: 4, v: 4 },
        ],
      },
    ]);
    // Rows: t=1 (a, b), t=2 (b), t=4 (b).
    expect([...isolatedPoints(rows, 's0')]).toEqual([0]);
    expect([...isolatedPoints(rows, 's1')]).toEqual([]);
    expect([...isolatedPoints(rows.slice(1), 's1')]).toEqual([]);
    expect([...isolatedPoints([rows[0], rows[2]], 's1')]).toEqual([]);
    expect([...isolatedPoints([rows[2]], 's1')]).toEqual([0]);
  });
});

describe('seriesFigures', () => {
  it('gives latest, highest and mean; nothing for an empty series', () => {
    expect(
      seriesFigures({
        points: [
          { t: 1, v: 1 },
          { t: 2, v: 5 },
          { t: 3, v: 3 },
        ],
      }),
    ).toEqual({ latest: 3, max: 5, mean: 3 });
    expect(seriesFigures({ points: [] })).toBeUndefined();
  });
});

describe('evenTicks', () => {
  it('spreads ticks over the range, ends included', () => {
    expect(evenTicks([0, 3_600_000], 5)).toEqual([
      0, 900_000, 1_800_000, 2_700_000, 3_600_000,
    ]);
    expect(evenTicks([5, 5], 5)).toBeUndefined();
  });
});

describe('formatMetricValue', () => {
  it.each([
    ['millicores', 250.4, '250m'],
    ['bytes', 128 * 1024 * 1024, '128 MiB'],
    ['bytes', 3 * 1024 ** 3, '3.00 GiB'],
    ['count', 2, '2'],
    ['requests-per-second', 12.345, '12.3 req/s'],
    ['errors-per-second', 0.25, '0.25 err/s'],
    ['seconds', 0.1234, '123 ms'],
    ['seconds', 2.5, '2.5 s'],
  ] as const)('writes %s %s as %s', (unit, value, text) => {
    expect(formatMetricValue(unit, value)).toBe(text);
  });
});
