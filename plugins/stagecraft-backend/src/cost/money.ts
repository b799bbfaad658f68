/**
 * Money kept exact. Every amount is an integer number of micro-units of the configured
 * currency (1 micro = 10^-6 of a dollar, euro…). Rates are parsed from their decimal spelling
 * into micros exactly (at most six decimals); a resource's price per hour is a fraction of a
 * micro, so THE ONE ROUNDING RULE is: the hourly cost of one deployment is rounded half up to a
 * whole micro, once. Everything after that (× 730 for a month, sums per project, environment
 * and organisation, savings) is integer arithmetic, so totals always equal the sum of their rows.
 */
import type { Money } from '@stagecraft/plugin-stagecraft-common';

/** Hours in the monthly projection: 365 × 24 / 12. */
export const HOURS_PER_MONTH = 730n;
/** Micro-units per currency unit. */
export const MICROS_PER_UNIT = 1_000_000n;
/** Bytes in one GiB, the memory rate's unit. */
export const BYTES_PER_GIB = 1024n ** 3n;
/** Millicores in one CPU, the CPU rate's unit. */
export const MILLICORES_PER_CPU = 1000n;

const DECIMAL = /^(\d+)(?:\.(\d{1,6}))?$/;

/**
 * A rate written in config (`0.0316` or `"0.0316"`) as micros per unit; `undefined` when it is
 * not a non-negative decimal with at most six decimals (a float such as 1e-7 would be rounded
 * silently, so it is refused instead).
 */
export function parseRateMicros(input: unknown): bigint | undefined {
  let text: string | undefined;
  if (typeof input === 'string') text = input.trim();
  else if (typeof input === 'number' && Number.isFinite(input))
    text = String(input);
  const match = text === undefined ? undefined : DECIMAL.exec(text);
  if (!match) return undefined;
  const [, whole, fraction = ''] = match;
  return BigInt(whole) * MICROS_PER_UNIT + BigInt(fraction.padEnd(6, '0'));
}

/** `numerator / denominator` rounded half up (both non-negative). */
export function divideRoundingHalfUp(
  numerator: bigint,
  denominator: bigint,
): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** Rates of one environment, in micros per CPU-hour and per GiB-hour. */
export interface RatesMicros {
  cpuHour: bigint;
  memoryGiBHour: bigint;
}

/** Amounts a cost is computed from: whole millicores and bytes (never negative). */
export interface BilledAmounts {
  cpuMillicores: number;
  memoryBytes: number;
}

/**
 * The hourly cost of `amounts` at `rates`, in micros, rounded half up once (the rule above).
 * CPU and memory are added as exact fractions before that one rounding.
 */
export function hourlyMicros(
  amounts: BilledAmounts,
  rates: RatesMicros,
): bigint {
  const cpu = BigInt(Math.max(0, Math.trunc(amounts.cpuMillicores)));
  const memory = BigInt(Math.max(0, Math.trunc(amounts.memoryBytes)));
  // cpu × rate / 1000 + memory × rate / 2^30, over the common denominator 1000 × 2^30.
  const numerator =
    cpu * rates.cpuHour * BYTES_PER_GIB +
    memory * rates.memoryGiBHour * MILLICORES_PER_CPU;
  return divideRoundingHalfUp(numerator, MILLICORES_PER_CPU * BYTES_PER_GIB);
}

/** A bigint of micros as {@link Money}. */
export function moneyOf(micros: bigint): Money {
  const sign = micros < 0n ? '-' : '';
  const abs = micros < 0n ? -micros : micros;
  const whole = abs / MICROS_PER_UNIT;
  const fraction = String(abs % MICROS_PER_UNIT).padStart(6, '0');
  return { micros: Number(micros), amount: `${sign}${whole}.${fraction}` };
}

/** Sort order for amounts: larger first. */
export function largerFirst(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a > b ? -1 : 1;
}
