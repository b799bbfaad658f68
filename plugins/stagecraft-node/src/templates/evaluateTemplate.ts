import { parse } from '@marcbachmann/cel-js';

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

/** A CEL value as template output: CEL ints are bigints, JSON wants numbers. */
function toJson(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map)
    return Object.fromEntries(
      [...value].map(([k, v]) => [String(k), toJson(v)]),
    );
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, toJson(v)]),
    );
  }
  return value;
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

/** The evaluation context, converted once to CEL values. */
export type CelContext = { readonly cel: Record<string, unknown> };

export function celContext(context: Record<string, unknown>): CelContext {
  return { cel: toCel(context) as Record<string, unknown> };
}

/** Parsed expressions by source: templates repeat the same few expressions for every component. */
const programs = new Map<string, ReturnType<typeof parse>>();

export function evaluateExpression(
  expression: string,
  context: CelContext,
  path: string,
): unknown {
  try {
    let program = programs.get(expression);
    if (!program) {
      program = parse(expression);
      programs.set(expression, program);
    }
    return toJson(program(context.cel));
  } catch (error) {
    throw new TemplateError(
      path,
      `\${${expression}} failed: ${(error as Error).message}`,
      { cause: error },
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
