import { memoryReleaseKnobs } from './memoryReleaseKnobs';

describe('memoryReleaseKnobs', () => {
  it("leaves unset knobs to the backend's defaults", () => {
    expect(memoryReleaseKnobs({})).toEqual({
      config: { enabled: true },
      description:
        'on (growth default MiB, every default s, time limit default %)',
    });
    expect(memoryReleaseKnobs({ BENCH_MEMORY_RELEASE: '0' }).config).toEqual({
      enabled: false,
    });
  });

  it('passes the allowance and interval on as numbers', () => {
    expect(
      memoryReleaseKnobs({
        BENCH_MEMORY_GROWTH_MIB: '32',
        BENCH_MEMORY_INTERVAL_SECONDS: '2',
        BENCH_MEMORY_MAX_TIME_PERCENT: '10',
      }).config,
    ).toEqual({
      enabled: true,
      growthMiB: 32,
      intervalSeconds: 2,
      maxTimePercent: 10,
    });
  });

  it('turns the C heap trim off only when asked', () => {
    expect(memoryReleaseKnobs({ BENCH_MEMORY_TRIM_NATIVE_HEAP: '0' })).toEqual({
      config: { enabled: true, trimNativeHeap: false },
      description:
        'on (growth default MiB, every default s, time limit default %, C heap not trimmed)',
    });
    expect(
      memoryReleaseKnobs({ BENCH_MEMORY_TRIM_NATIVE_HEAP: '1' }).config,
    ).toEqual({ enabled: true });
  });

  it('refuses values the backend would refuse, before anything starts', () => {
    expect(() =>
      memoryReleaseKnobs({ BENCH_MEMORY_GROWTH_MIB: 'lots' }),
    ).toThrow(/BENCH_MEMORY_GROWTH_MIB must be a number of MiB, not "lots"/);
    expect(() =>
      memoryReleaseKnobs({ BENCH_MEMORY_INTERVAL_SECONDS: '0.5' }),
    ).toThrow(/BENCH_MEMORY_INTERVAL_SECONDS must be at least 1/);
    expect(() =>
      memoryReleaseKnobs({ BENCH_MEMORY_MAX_TIME_PERCENT: '0' }),
    ).toThrow(/BENCH_MEMORY_MAX_TIME_PERCENT must be more than 0/);
  });
});
