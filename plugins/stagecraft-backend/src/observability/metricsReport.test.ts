import { MAX_SERIES, metricsReportOf } from './metricsReport';

describe('metricsReportOf', () => {
  it('keeps the series with the newest samples when there are more than it may return', () => {
    // A day of rollouts: 55 pods that are gone (sorted first by name), then 5 running now.
    const gone = Array.from({ length: 55 }, (_, i) => ({
      pod: `api-a-${String(i).padStart(2, '0')}`,
      points: [{ t: 1_000 + i, v: 1 }],
    }));
    const running = Array.from({ length: 5 }, (_, i) => ({
      pod: `api-z-${i}`,
      points: [
        { t: 5_000, v: 2 },
        { t: 9_000, v: 3 },
      ],
    }));
    const [cpu] = metricsReportOf([
      { name: 'cpu', state: 'ok', series: [...gone, ...running] },
    ]);
    const pods = cpu.series.map(s => s.pod);
    expect(pods).toHaveLength(MAX_SERIES);
    expect(pods).toEqual(expect.arrayContaining(running.map(s => s.pod)));
    // The oldest are the ones left out; the provider's order is kept.
    expect(pods).not.toContain('api-a-00');
    expect(pods.slice(-5)).toEqual(running.map(s => s.pod));
  });
});
