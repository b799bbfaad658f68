import { ASTNode, Environment, ParseResult } from '@marcbachmann/cel-js';
import { CelBudgetExceeded, CelMeter } from './celMeter';
import { operandPrice } from './celOperands';

/*
 * Metered CEL. `@marcbachmann/cel-js` (pinned at 8.0.0, the newest release) has parse-time
 * limits only (AST nodes, nesting, literal sizes), no runtime cost limit, and a synchronous
 * evaluator that nothing outside can interrupt. So the meter runs inside it: the evaluator
 * evaluates every operand, comprehension step and macro body through its `run` method, and
 * ours charges the active meter one unit per step, plus the size of every list, map or string
 * an operator or function builds, plus the price of a value that a comparison or function will
 * walk (celOperands.ts). Errors that CEL swallows (`exists`, `||`) pass through `tryEval`, and
 * ours charges each: creating one captures a stack trace and formats the expression's line.
 * The meter throws once over budget and reads the clock every few hundred steps. The hooks
 * rely on cel-js internals, so they are proven on first use (celProbe.ts), and evaluation
 * refuses to run (fails closed) if a cel-js upgrade broke them.
 */

export type Evaluator = {
  run(node: ASTNode, ctx: unknown): unknown;
  tryEval(node: ASTNode, ctx: unknown): unknown;
};
type EvaluableNode = ASTNode & {
  evaluate(ev: Evaluator, node: ASTNode, ctx: unknown): unknown;
};

/**
 * What a swallowed error costs beyond its characters: measured at 13 µs for a short expression,
 * while a step is ~0.1 µs. Formatting adds the expression's length (one unit a character).
 */
export const THROWN_ERROR_COST = 500;

let activeMeter: CelMeter | undefined;

function sizeOf(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (value instanceof Uint8Array) return value.length;
  if (value instanceof Map || value instanceof Set) return value.size;
  return 0;
}

/** The size of an operator's result if it is a freshly built value, else 0. */
function builtSize(node: ASTNode, value: unknown): number {
  // A switch on the op string: a Set lookup here made every step a third slower.
  switch (node.op) {
    case 'map':
      return node.args.length;
    case 'list':
    case '+':
    case 'call':
    case 'rcall':
      return sizeOf(value);
    default:
      return 0;
  }
}

function meteredRun(this: Evaluator, node: ASTNode, ctx: unknown): unknown {
  const value = (node as EvaluableNode).evaluate(this, node, ctx);
  const meter = activeMeter;
  if (meter) {
    const price = operandPrice(node);
    meter.charge(
      price === undefined
        ? builtSize(node, value)
        : builtSize(node, value) + price(value),
    );
  }
  return value;
}

/** cel-js's `tryEval` for a synchronous evaluator, charging each error it swallows. */
function meteredTryEval(this: Evaluator, node: ASTNode, ctx: unknown) {
  try {
    return this.run(node, ctx);
  } catch (error) {
    const meter = activeMeter;
    if (meter) {
      // Over budget: nothing may carry on, whoever would swallow it.
      if (meter.failure) throw meter.failure;
      const input = (node as { input?: unknown }).input;
      meter.charge(
        THROWN_ERROR_COST + (typeof input === 'string' ? input.length : 0),
      );
    }
    return error;
  }
}

function isThenable(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Evaluates a parsed expression, charging `meter`. Throws the meter's failure when a limit was
 * exceeded, whatever the evaluator made of it (CEL absorbs some errors, e.g. `err || true`).
 * A promise is refused: its remaining steps would run later, after the meter is detached.
 */
export function evaluateMetered(
  program: ParseResult,
  cel: Record<string, unknown>,
  meter: CelMeter,
): unknown {
  const outer = activeMeter;
  activeMeter = meter;
  let result: { value: unknown } | { error: unknown };
  try {
    const value = program(cel);
    // cel-js evaluates the root node itself, not through `run`: it is charged here.
    meter.charge(builtSize(program.ast, value));
    result = { value };
  } catch (error) {
    result = { error };
  } finally {
    activeMeter = outer;
  }
  if (meter.failure) throw meter.failure;
  if ('error' in result) throw result.error;
  if (isThenable(result.value))
    throw new CelBudgetExceeded(
      'engine',
      'templates cannot be evaluated safely with this @marcbachmann/cel-js: an expression evaluated asynchronously, beyond the meter',
    );
  return result.value;
}

/**
 * Replaces `run` and `tryEval` of `environment`'s evaluator with the metered ones. Throws if
 * the evaluator cannot be reached; whether its steps now pass through them is for the probe.
 */
export function installMetering(environment: Environment) {
  // The root node is evaluated with the environment's evaluator: borrow it once.
  const probe = environment.parse('true');
  let evaluator: Evaluator | undefined;
  (probe.ast as EvaluableNode).evaluate = ev => {
    evaluator = ev;
    return true;
  };
  probe({});
  if (
    typeof evaluator?.run !== 'function' ||
    typeof evaluator?.tryEval !== 'function'
  )
    throw new Error('its evaluator is not reachable');
  evaluator.run = meteredRun;
  evaluator.tryEval = meteredTryEval;
}
