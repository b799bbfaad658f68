import { ASTNode, Environment, ParseResult } from '@marcbachmann/cel-js';
import { CelBudget } from './celBudget';
import { installMetering } from './celEngine';
import { CelBudgetExceeded } from './celMeter';
import { priceOperands } from './celOperands';
import { proveMetering } from './celProbe';

/**
 * Functions a template may not call. `matches` runs a JavaScript regular expression (not RE2
 * as the CEL specification says), and backtracking makes it exponential: `^(a+)+$` over 27
 * characters took 6 s, and even `a*b` over 100,000 characters took 9 s — inside one native
 * call that no meter or clock can interrupt. (`duration`, `lastIndexOf` and the time-zone
 * forms of the timestamp methods are allowed on bounded operands: celOperands.ts.)
 */
const REFUSED_FUNCTIONS = new Map([
  [
    'matches',
    'matches() is not available in templates: its regular expressions can run for exponential time',
  ],
]);

/**
 * How deep an expression may nest: cel-js's own `maxDepth` (also 250) counts brackets, calls
 * and member access, but not unary operators, which its parser takes by recursion (9,000 `!`
 * overflowed the stack), nor chains like `a + a + …`, which its type checker and evaluator
 * take by recursion (5,000 overflowed). cel-js's `limits` cannot express either, so both are
 * counted here.
 */
export const MAX_NESTING = 250;

function tooDeep(what: string) {
  return new CelBudgetExceeded(
    'nesting',
    `${what} nested deeper than ${MAX_NESTING} levels`,
  );
}

/**
 * The longest run of unary operators (`!`, `-`, whitespace between) outside string literals; a
 * linear scan before parsing, since parsing such a run is what overflows.
 */
function longestUnaryRun(expression: string): number {
  let longest = 0;
  let run = 0;
  let quote: string | undefined;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '!' || c === '-') {
      longest = Math.max(longest, ++run);
    } else if (c === '"' || c === "'") {
      quote = c;
      run = 0;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') {
      run = 0;
    }
  }
  return longest;
}

/**
 * Refuses what no budget can bound, prices the operands that operators and functions walk, and
 * refuses an expression nested deeper than MAX_NESTING. Iterative: the tree may be deep.
 */
function inspect(root: ASTNode) {
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      // Operands are a node, a list of nodes or [key, value] pairs.
      for (const item of node) stack.push([item, depth]);
      continue;
    }
    const ast = node as ASTNode;
    if (typeof ast.op !== 'string') continue;
    if (depth > MAX_NESTING) throw tooDeep('expression');
    if (ast.op === 'call' || ast.op === 'rcall') {
      const refused = REFUSED_FUNCTIONS.get(ast.args[0]);
      if (refused) throw new CelBudgetExceeded('function', refused);
    }
    priceOperands(ast);
    stack.push([ast.args, depth + 1]);
  }
}

function parseInspected(environment: Environment, expression: string) {
  if (longestUnaryRun(expression) > MAX_NESTING)
    throw tooDeep('unary operators (`!`, `-`)');
  let program: ParseResult;
  try {
    program = environment.parse(expression);
  } catch (error) {
    // The scan above skips string literals simply; should a run still overflow the parser.
    if (error instanceof RangeError) throw tooDeep('expression');
    throw error;
  }
  inspect(program.ast);
  return program;
}

function createMeteredEnvironment(): Environment {
  // cel-js's own `parse` options, which templates used before metering.
  const environment = new Environment({ unlistedVariablesAreDyn: true });
  installMetering(environment);
  proveMetering(expression => parseInspected(environment, expression));
  return environment;
}

let engine: Environment | CelBudgetExceeded | undefined;

/** The one metered environment; throws on every call if metering could not be installed. */
export function meteredEnvironment(): Environment {
  if (!engine) {
    try {
      engine = createMeteredEnvironment();
    } catch (error) {
      engine = new CelBudgetExceeded(
        'engine',
        `templates cannot be evaluated safely with this @marcbachmann/cel-js: ${
          (error as Error).message
        }`,
      );
    }
  }
  if (engine instanceof CelBudgetExceeded) throw engine;
  return engine;
}

/** Parsed expressions by source: templates repeat a few expressions for every component. */
const programs = new Map<string, ParseResult>();
/** Bounds the cache's memory in a long-running backend whose templates keep changing. */
const MAX_CACHED_PROGRAMS = 1000;

/** Parses and inspects `expression`, refusing one longer than the budget allows. */
export function compileExpression(
  expression: string,
  budget: Readonly<CelBudget>,
): ParseResult {
  if (expression.length > budget.maxExpressionLength)
    throw new CelBudgetExceeded(
      'expressionLength',
      `expression of ${expression.length} characters, over the limit of ${budget.maxExpressionLength}`,
    );
  let program = programs.get(expression);
  if (!program) {
    program = parseInspected(meteredEnvironment(), expression);
    if (programs.size >= MAX_CACHED_PROGRAMS)
      programs.delete(programs.keys().next().value!);
    programs.set(expression, program);
  }
  return program;
}
