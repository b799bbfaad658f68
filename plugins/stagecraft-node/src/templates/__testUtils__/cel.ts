import { CelBudget, DEFAULT_CEL_BUDGET } from '../celBudget';
import {
  celContext,
  CelContext,
  evaluateExpression,
} from '../evaluateTemplate';

/** A CEL list literal of the integers 0 … n-1. */
export const list = (n: number) => `[${[...Array(n).keys()].join(', ')}]`;

/** Nests `depth` comprehensions over `items`, innermost `body`: items^depth steps. */
export function nested(
  macro: string,
  items: string,
  depth: number,
  body: string,
) {
  const vars = 'abcdefghijklmnop'.slice(0, depth).split('');
  return vars.reduceRight(
    (inner, v) => `${items}.${macro}(${v}, ${inner})`,
    body,
  );
}

/** A template context with `input` and the default budget changed by `budget`. */
export function contextWith(
  input: Record<string, unknown> = {},
  budget: Partial<CelBudget> = {},
): CelContext {
  return celContext(input, { ...DEFAULT_CEL_BUDGET, ...budget });
}

/**
 * Evaluates an expression that must fail: what was thrown, and the meter that saw it. By
 * default the wall-clock backstop is a minute, so the cost meter — what these tests are about —
 * decides even on a loaded machine (a busy CI host once took over 1 s for a 10⁶ cost).
 */
export function failure(
  expression: string,
  context = contextWith({}, { maxMillis: 60_000 }),
) {
  try {
    evaluateExpression(expression, context, 'data.x');
  } catch (error) {
    return { error: error as Error, meter: context.meter };
  }
  throw new Error(`${expression.slice(0, 60)} did not fail`);
}
