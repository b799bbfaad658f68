import { Config } from '@backstage/config';

/**
 * What one template application (one component type or trait, for one component) may spend on
 * CEL. Templates run on the backend's event loop: without these, one hostile trait stalls or
 * crashes the whole portal.
 */
export interface CelBudget {
  /**
   * Evaluation steps plus the elements and characters of the lists, maps and strings built,
   * and of the operands comparisons and functions walk, summed over all of the template's
   * expressions. Bounds both time and memory.
   */
  maxCost: number;
  /**
   * Milliseconds of wall-clock time from the start of the template's evaluation: a backstop
   * for constant factors the cost model underprices (a few cel-js functions are 10–30 times
   * slower per unit than plain steps). Checked every 256 charges.
   */
  maxMillis: number;
  /** Characters in one `${…}` expression. */
  maxExpressionLength: number;
  /** Elements and characters of the values the template's expressions put into manifests. */
  maxOutputSize: number;
}

/**
 * Sane for any real template: the example catalog's templates cost under 100 and build a few
 * hundred characters. A cost of 1,000,000 takes some 50–150 ms; a Kubernetes object cannot
 * exceed ~1.5 MB, so neither can a template's output usefully.
 */
export const DEFAULT_CEL_BUDGET: Readonly<CelBudget> = Object.freeze({
  maxCost: 1_000_000,
  maxMillis: 1_000,
  maxExpressionLength: 10_000,
  maxOutputSize: 1_000_000,
});

const KEYS = Object.keys(DEFAULT_CEL_BUDGET) as (keyof CelBudget)[];

let configured: Readonly<CelBudget> = DEFAULT_CEL_BUDGET;

/** The budget every template evaluation in this process gets unless a caller passes its own. */
export function currentCelBudget(): Readonly<CelBudget> {
  return configured;
}

/**
 * Sets the process-wide budget (missing fields keep their defaults). The backend does this once
 * at start-up from `stagecraft.templates.celBudget`.
 */
export function configureCelBudget(
  budget: Partial<CelBudget>,
): Readonly<CelBudget> {
  configured = Object.freeze({
    ...DEFAULT_CEL_BUDGET,
    ...checked(budget, 'CEL budget'),
  });
  return configured;
}

/** `stagecraft.templates.celBudget` from app-config; see config.d.ts. */
export function readCelBudget(config: Config): Partial<CelBudget> {
  const c = config.getOptionalConfig('stagecraft.templates.celBudget');
  const budget: Partial<CelBudget> = {};
  for (const key of KEYS) {
    const value = c?.getOptionalNumber(key);
    if (value !== undefined) budget[key] = value;
  }
  return checked(budget, 'stagecraft.templates.celBudget');
}

function checked(budget: Partial<CelBudget>, where: string) {
  for (const key of KEYS) {
    const value = budget[key];
    if (value !== undefined && !(Number.isInteger(value) && value > 0))
      throw new Error(
        `${where}.${key} must be a positive integer, got ${value}`,
      );
  }
  return budget;
}
