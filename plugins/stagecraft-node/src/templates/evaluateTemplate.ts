import { CelBudget, currentCelBudget } from './celBudget';
import { evaluateMetered } from './celEngine';
import { CelMeter, Clock } from './celMeter';
import { compileExpression } from './celPrograms';
import { describeCelError, excerpt } from './excerpt';

const WHOLE = /^\$\{([\s\S]+)\}$/;
const EMBEDDED = /\$\{([^}]+)\}/g;

/** Thrown when an expression fails; `path` locates it inside the template. */
export class TemplateError extends Error {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'TemplateError';
  }
}

/**
 * A CEL value as template output: CEL ints are bigints, JSON wants numbers. Every element and
 * character is charged as output before it is copied: CEL shares values, so ten references to
 * a list of ten references, nine levels deep, are small inside CEL and a billion elements here.
 */
function toJson(value: unknown, meter: CelMeter): unknown {
  meter.chargeOutput(typeof value === 'string' ? 1 + value.length : 1);
  if (typeof value === 'string') return unicode(value);
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(v => toJson(v, meter));
  if (value instanceof Map)
    return Object.fromEntries(
      [...value].map(([k, v]) => [unicode(String(k)), toJson(v, meter)]),
    );
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [unicode(k), toJson(v, meter)]),
    );
  }
  return value;
}

/**
 * CEL strings are UTF-16 here, so `substring` can cut an emoji in two; the lone surrogate left
 * is not Unicode and the API server refuses the whole object on apply.
 */
function unicode(text: string): string {
  if (/\p{Cs}/u.test(text))
    throw new Error(
      'it produced a string with a lone UTF-16 surrogate (e.g. substring() cutting an emoji in two), which is not Unicode and which Kubernetes refuses',
    );
  return text;
}

/** CEL sees integers as ints (bigint), so `parameters.max + 1` works as written. */
function toCel(value: unknown): unknown {
  if (typeof value === 'number' && Number.isInteger(value))
    return BigInt(value);
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, toCel(v)]),
    );
  }
  return value;
}

/**
 * The evaluation context, converted once to CEL values, and the meter its evaluations share:
 * one context is one template application, which gets one budget.
 */
export type CelContext = {
  readonly cel: Record<string, unknown>;
  readonly meter: CelMeter;
};

/** `clock` is for tests of the time budget; the meter reads `performance.now` otherwise. */
export function celContext(
  context: Record<string, unknown>,
  budget: Readonly<CelBudget> = currentCelBudget(),
  clock?: Clock,
): CelContext {
  return {
    cel: toCel(context) as Record<string, unknown>,
    meter: new CelMeter(budget, clock),
  };
}

export function evaluateExpression(
  expression: string,
  context: CelContext,
  path: string,
): unknown {
  try {
    const program = compileExpression(expression, context.meter.budget);
    return toJson(
      evaluateMetered(program, context.cel, context.meter),
      context.meter,
    );
  } catch (error) {
    // No `cause`: CEL errors carry the whole source line, and this message is what is shown.
    throw new TemplateError(
      path,
      `\${${excerpt(expression)}} failed: ${describeCelError(error)}`,
    );
  }
}

/**
 * Renders a template: every string holding `${…}` is evaluated with CEL against `context`,
 * recursively through maps and lists. Keys are not evaluated.
 */
export function evaluateTemplate(
  template: unknown,
  context: CelContext,
  path = '',
): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template);
    if (whole && !whole[1].includes('${'))
      return evaluateExpression(whole[1], context, path);
    return template.replace(EMBEDDED, (_m, expression: string) => {
      const value = evaluateExpression(expression, context, path);
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
  }
  if (Array.isArray(template))
    return template.map((item, i) =>
      evaluateTemplate(item, context, `${path}[${i}]`),
    );
  if (template && typeof template === 'object') {
    return Object.fromEntries(
      Object.entries(template).map(([key, value]) => [
        key,
        evaluateTemplate(value, context, path ? `${path}.${key}` : key),
      ]),
    );
  }
  return template;
}
