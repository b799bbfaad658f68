import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readCostSettings } from './costConfig';
import {
  divideRoundingHalfUp,
  hourlyMicros,
  moneyOf,
  parseRateMicros,
} from './money';

describe('money arithmetic', () => {
  it('parses rates exactly into micros and refuses what it would have to round', () => {
    expect(parseRateMicros('0.04')).toBe(40_000n);
    expect(parseRateMicros(0.0316)).toBe(31_600n);
    expect(parseRateMicros('12')).toBe(12_000_000n);
    expect(parseRateMicros('0.0000001')).toBeUndefined();
    expect(parseRateMicros(1e-7)).toBeUndefined();
    expect(parseRateMicros('-1')).toBeUndefined();
    expect(parseRateMicros('1e3')).toBeUndefined();
    expect(parseRateMicros(Number.NaN)).toBeUndefined();
    expect(parseRateMicros({})).toBeUndefined();
  });

  it('rounds half up once', () => {
    expect(divideRoundingHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundingHalfUp(49n, 10n)).toBe(5n);
    expect(divideRoundingHalfUp(44n, 10n)).toBe(4n);
  });

  it('prices CPU and memory as exact fractions before the one rounding', () => {
    const rates = { cpuHour: 40_000n, memoryGiBHour: 5_000n };
    // 50m × 0.04 = 2000 micros; 64 MiB = 1/16 GiB × 0.005 = 312.5 micros; 2312.5 → 2313.
    expect(
      hourlyMicros({ cpuMillicores: 50, memoryBytes: 64 * 1024 ** 2 }, rates),
    ).toBe(2313n);
    // Zero requests cost nothing; negative amounts are never priced as credits.
    expect(hourlyMicros({ cpuMillicores: 0, memoryBytes: 0 }, rates)).toBe(0n);
    expect(hourlyMicros({ cpuMillicores: -500, memoryBytes: -1 }, rates)).toBe(
      0n,
    );
    // Terabytes at a high rate stay exact (beyond 2^53 in the intermediate product).
    expect(
      hourlyMicros(
        { cpuMillicores: 0, memoryBytes: 4 * 1024 ** 4 },
        { cpuHour: 0n, memoryGiBHour: 123_456_789n },
      ),
    ).toBe(4096n * 123_456_789n);
  });

  it('writes micros as an exact decimal', () => {
    expect(moneyOf(1_688_490n)).toEqual({
      micros: 1_688_490,
      amount: '1.688490',
    });
    expect(moneyOf(0n).amount).toBe('0.000000');
    expect(moneyOf(-5n).amount).toBe('-0.000005');
  });
});

describe('readCostSettings', () => {
  const read = (cost: JsonValue) =>
    readCostSettings(new ConfigReader({ stagecraft: { cost } }));

  it('is not configured without stagecraft.cost', () => {
    expect(readCostSettings(new ConfigReader({}))).toBeUndefined();
  });

  it('takes the environment over the target over the default, rate by rate', () => {
    const settings = read({
      currency: 'EUR',
      cpuHour: '0.04',
      memoryGiBHour: '0.005',
      targets: { local: { cpuHour: '0.03' } },
      environments: { production: { memoryGiBHour: '0.01', cpuHour: 0.05 } },
    })!;
    expect(settings.currency).toBe('EUR');
    expect(settings.ratesFor('dev', 'local')).toEqual({
      cpuHour: 30_000n,
      memoryGiBHour: 5_000n,
    });
    expect(settings.ratesFor('production', 'local')).toEqual({
      cpuHour: 50_000n,
      memoryGiBHour: 10_000n,
    });
    expect(settings.ratesFor('dev', undefined).cpuHour).toBe(40_000n);
    expect(settings.thresholds).toEqual({
      overProvisionedRatio: 0.5,
      headroom: 1.3,
      idleCpuMillicores: 2,
      minimumMonthlySaving: 0n,
    });
  });

  it('refuses rates it cannot price exactly, and currencies that are not codes', () => {
    expect(() => read({ cpuHour: '0.1234567' })).toThrow(/at most 6 decimals/);
    expect(() => read({ cpuHour: 'ten' })).toThrow(/cpuHour/);
    expect(() => read({ currency: '<b>$</b>' })).toThrow(/ISO 4217/);
    expect(() =>
      read({ recommendations: { overProvisionedRatio: -1 } }),
    ).toThrow(/>= 0/);
  });
});
