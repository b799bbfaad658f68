import { ASTNode, Environment, ParseResult } from '@marcbachmann/cel-js';
import { DEFAULT_CEL_BUDGET } from './celBudget';
import { CelMeter } from './celMeter';

/*
 * Metered CEL. `@marcbachmann/cel-js` (8.0, the newest release) has parse-time limits only
 * (AST nodes, nesting, literal sizes), no runtime cost limit, and a synchronous evaluator that
 * nothing outside can interrupt. So the meter runs inside it: the evaluator evaluates every
 * operand, comprehension step and macro body through its `run` method, and ours charges the
 * active meter one unit per step plus the size of every list, map or string an operator or
 * function builds. The meter throws once over budget and reads the clock every few hundred
 * steps, so a runaway stops within the budget plus a few hundred steps, each bounded by the
 * size of its operands — themselves bounded by the budget or the template's input. The hook
 * relies on cel-js internals, so it is proven on first use, and evaluation refuses to run
 * (fails closed) if a cel-js upgrade broke it.
 */

type Evaluator = { run(node: ASTNode, ctx: unknown): unknown };
type EvaluableNode = ASTNode & {
  evaluate(ev: Evaluator, node: ASTNode, ctx: unknown): unknown;
};

/**
 * Marks the receiver of `join`, whose joined length is charged before the join is made: a
 * list of 1,000 references to one long string joins into a huge one. A property rather than a
 * WeakSet because it is tested on every step.
 */
const JOIN_RECEIVER = Symbol('joinReceiver');
type Marked = { [JOIN_RECEIVER]?: true };

export function markJoinReceiver(node: ASTNode) {
  (node as Marked)[JOIN_RECEIVER] = true;
}

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

function joinedLength(list: unknown): number {
  if (!Array.isArray(list)) return 0;
  let length = list.length;
  for (const item of list) length += sizeOf(item);
  return length;
}

function meteredRun(this: Evaluator, node: ASTNode, ctx: unknown): unknown {
  const value = (node as EvaluableNode).evaluate(this, node, ctx);
  const meter = activeMeter;
  if (meter) {
    let built = builtSize(node, value);
    if ((node as Marked)[JOIN_RECEIVER]) built += joinedLength(value);
    meter.charge(built);
  }
  return value;
}

/**
 * Evaluates a parsed expression, charging `meter`. Throws the meter's failure when a limit was
 * exceeded, whatever the evaluator made of it (CEL absorbs some errors, e.g. `err || true`).
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
    result = { value: program(cel) };
  } catch (error) {
    result = { error };
  } finally {
    activeMeter = outer;
  }
  if (meter.failure) throw meter.failure;
  if ('error' in result) throw result.error;
  return result.value;
}

/** cel-js's own `parse` options, which templates used before metering; `run` replaced. */
function createMeteredEnvironment(): Environment {
  const environment = new Environment({ unlistedVariablesAreDyn: true });
  // The root node is evaluated with the environment's evaluator: borrow it once.
  const probe = environment.parse('true');
  let evaluator: Evaluator | undefined;
  (probe.ast as EvaluableNode).evaluate = ev => {
    evaluator = ev;
    return true;
  };
  probe({});
  if (typeof evaluator?.run !== 'function')
    throw new Error('its evaluator is not reachable');
  evaluator.run = meteredRun;
  // A 40-element map must exceed a cost of 20 if and only if its steps are metered.
  const meter = new CelMeter({ ...DEFAULT_CEL_BUDGET, maxCost: 20 });
  try {
    evaluateMetered(
      environment.parse(`[${'0, '.repeat(39)}0].map(x, x)`),
      {},
      meter,
    );
  } catch {
    // the outcome is on the meter
  }
  if (!meter.failure) throw new Error('its evaluation steps are not metered');
  return environment;
}

let engine: Environment | Error | undefined;

/** The one metered environment; throws on every call if metering could not be installed. */
export function meteredEnvironment(): Environment {
  if (!engine) {
    try {
      engine = createMeteredEnvironment();
    } catch (error) {
      engine = new Error(
        `templates cannot be evaluated safely with this @marcbachmann/cel-js: ${
          (error as Error).message
        }`,
      );
    }
  }
  if (engine instanceof Error) throw engine;
  return engine;
}
