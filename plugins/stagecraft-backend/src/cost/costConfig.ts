import type { Config } from '@backstage/config';
import { parseRateMicros, RatesMicros } from './money';

/** When a recommendation is made (docs/observability.md, "Cost"). */
export interface RecommendationThresholds {
  /** Over-provisioned when observed usage is below this share of the requests (default 0.5). */
  overProvisionedRatio: number;
  /** The request recommended instead: observed usage × this (default 1.3, 30 % headroom). */
  headroom: number;
  /** Idle when the deployment's pods together use at most this much CPU (default 2 m). */
  idleCpuMillicores: number;
  /** Recommendations saving less than this per month (micros; config in currency units) are left out (default 0). */
  minimumMonthlySaving: bigint;
}

export const DEFAULT_THRESHOLDS: RecommendationThresholds = {
  overProvisionedRatio: 0.5,
  headroom: 1.3,
  idleCpuMillicores: 2,
  minimumMonthlySaving: 0n,
};

/** The cost settings: rates per environment (environment > target > default) and thresholds. */
export interface CostSettings {
  currency: string;
  ratesFor(environment: string, target: string | undefined): RatesMicros;
  thresholds: RecommendationThresholds;
}

const CURRENCY = /^[A-Z]{3}$/;

function rate(config: Config | undefined, key: string): bigint | undefined {
  const raw = config?.getOptional(key);
  if (raw === undefined) return undefined;
  const micros = parseRateMicros(raw);
  if (micros === undefined)
    throw new Error(
      `stagecraft.cost: ${key} must be a non-negative decimal with at most 6 decimals, got ${JSON.stringify(
        raw,
      )}`,
    );
  return micros;
}

function positive(config: Config | undefined, key: string, fallback: number) {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`stagecraft.cost.recommendations.${key} must be >= 0`);
  return value;
}

interface PartialRates {
  cpuHour?: bigint;
  memoryGiBHour?: bigint;
}

const partialRates = (c: Config | undefined): PartialRates => ({
  cpuHour: rate(c, 'cpuHour'),
  memoryGiBHour: rate(c, 'memoryGiBHour'),
});

const overrides = (config: Config, key: string) =>
  new Map(
    (config.getOptionalConfig(key)?.keys() ?? []).map(name => [
      name,
      partialRates(config.getConfig(`${key}.${name}`)),
    ]),
  );

/**
 * Reads `stagecraft.cost`; `undefined` when it is absent (cost is then "not configured").
 * A malformed rate stops the backend at start-up rather than pricing with a wrong number.
 */
export function readCostSettings(root: Config): CostSettings | undefined {
  const config = root.getOptionalConfig('stagecraft.cost');
  if (!config) return undefined;
  const currency = config.getOptionalString('currency') ?? 'USD';
  if (!CURRENCY.test(currency))
    throw new Error(
      `stagecraft.cost.currency must be an ISO 4217 code such as USD, got "${currency}"`,
    );
  const defaults = partialRates(config);
  const environments = overrides(config, 'environments');
  const targets = overrides(config, 'targets');
  const recommendations = config.getOptionalConfig('recommendations');
  const minimumSaving = rate(recommendations, 'minimumMonthlySaving');
  return {
    currency,
    ratesFor(environment, target) {
      const env = environments.get(environment);
      const tgt = target === undefined ? undefined : targets.get(target);
      return {
        cpuHour: env?.cpuHour ?? tgt?.cpuHour ?? defaults.cpuHour ?? 0n,
        memoryGiBHour:
          env?.memoryGiBHour ??
          tgt?.memoryGiBHour ??
          defaults.memoryGiBHour ??
          0n,
      };
    },
    thresholds: {
      overProvisionedRatio: positive(
        recommendations,
        'overProvisionedRatio',
        DEFAULT_THRESHOLDS.overProvisionedRatio,
      ),
      headroom: positive(
        recommendations,
        'headroom',
        DEFAULT_THRESHOLDS.headroom,
      ),
      idleCpuMillicores: positive(
        recommendations,
        'idleCpuMillicores',
        DEFAULT_THRESHOLDS.idleCpuMillicores,
      ),
      minimumMonthlySaving: minimumSaving ?? 0n,
    },
  };
}
