import {
  HOURS_PER_MONTH,
  hourlyMicros,
  largerFirst,
  moneyOf,
  RatesMicros,
} from './money';
import type { Amounts, CostInput, CostLine, CostTotal } from './types';

const whole = (n: number | undefined) =>
  n !== undefined && Number.isFinite(n) && n > 0 ? Math.round(n) : 0;

/** Per resource, the larger of requests and observed usage: what the deployment occupies. */
export function billedAmounts(requests: Amounts, usage: Amounts | undefined) {
  return {
    cpuMillicores: Math.max(
      whole(requests.cpuMillicores),
      whole(usage?.cpuMillicores),
    ),
    memoryBytes: Math.max(
      whole(requests.memoryBytes),
      whole(usage?.memoryBytes),
    ),
  };
}

/** The hourly cost of one deployment in micros (rounded once, money.ts) and its line. */
export function costLineOf(
  input: CostInput,
  rates: RatesMicros,
): CostLine & { hourlyMicros: bigint } {
  const billed = billedAmounts(input.requests, input.usage);
  const hourly = hourlyMicros(billed, rates);
  return {
    componentRef: input.componentRef,
    environment: input.environment,
    project: input.project,
    podCount: input.podCount,
    requests: input.requests,
    requestsFrom: input.requestsFrom,
    ...(input.usage ? { usage: input.usage } : {}),
    basis: input.usage ? 'requests-and-usage' : 'requests-only',
    billed,
    hourly: moneyOf(hourly),
    monthly: moneyOf(hourly * HOURS_PER_MONTH),
    hourlyMicros: hourly,
  };
}

/** Totals of lines grouped by `keyOf`, largest monthly cost first, then by name. */
export function totalsBy(
  lines: ReadonlyArray<{ hourlyMicros: bigint }>,
  keyOf: (line: any) => string,
): CostTotal[] {
  const sums = new Map<string, { micros: bigint; count: number }>();
  for (const line of lines) {
    const key = keyOf(line);
    const sum = sums.get(key) ?? { micros: 0n, count: 0 };
    sum.micros += line.hourlyMicros;
    sum.count += 1;
    sums.set(key, sum);
  }
  return [...sums.entries()]
    .sort(
      ([a, x], [b, y]) => largerFirst(x.micros, y.micros) || a.localeCompare(b),
    )
    .map(([name, { micros, count }]) => totalOf(name, micros, count));
}

/** One total: hourly micros, and the month as exactly 730 of them. */
export function totalOf(
  name: string,
  micros: bigint,
  deployments: number,
): CostTotal {
  return {
    name,
    hourly: moneyOf(micros),
    monthly: moneyOf(micros * HOURS_PER_MONTH),
    deployments,
  };
}
