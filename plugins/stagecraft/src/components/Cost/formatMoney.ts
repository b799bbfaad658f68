import type { Money } from '@stagecraft/plugin-stagecraft-common';

/**
 * An exact amount for people: the currency's symbol and two decimals, rounded half up from
 * the exact decimal (the server's `amount`), never through a float's rounding of 0.005.
 */
export function formatMoney(money: Money, currency: string): string {
  const negative = money.micros < 0;
  const abs = Math.abs(money.micros);
  // Micros → cents, half up, in integers (below 2^53 for any real bill).
  const cents = Math.floor((abs + 5_000) / 10_000);
  const formatted = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(cents / 100);
  return negative ? `-${formatted}` : formatted;
}

const MIB = 1024 ** 2;
const GIB = 1024 ** 3;

const memoryText = (bytes: number) =>
  bytes >= GIB
    ? `${(bytes / GIB).toFixed(2)} GiB`
    : `${Math.round(bytes / MIB)} MiB`;

/** `250m CPU · 512 MiB`; what is unknown is left out. */
export function formatAmounts(a: {
  cpuMillicores?: number;
  memoryBytes?: number;
}): string {
  const parts = [
    a.cpuMillicores !== undefined ? `${a.cpuMillicores}m CPU` : undefined,
    a.memoryBytes !== undefined ? memoryText(a.memoryBytes) : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'none';
}
