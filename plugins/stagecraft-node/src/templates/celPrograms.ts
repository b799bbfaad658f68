import { ASTNode, ParseResult } from '@marcbachmann/cel-js';
import { CelBudget } from './celBudget';
import { markJoinReceiver, meteredEnvironment } from './celEngine';
import { CelBudgetExceeded } from './celMeter';

/**
 * Functions a template may not call. `matches` runs a JavaScript regular expression (not RE2
 * as the CEL specification says), and backtracking makes it exponential: `^(a+)+$` over 27
 * characters took 6 s, and even `a*b` over 100,000 characters took 9 s — inside one native
 * call that no meter or clock can interrupt.
 */
const REFUSED_FUNCTIONS = new Map([
  [
    'matches',
    'matches() is not available in templates: its regular expressions can run for exponential time',
  ],
]);

/** Refuses what no budget can bound and marks the receivers of `join` for the meter. */
function inspect(root: ASTNode) {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as ASTNode;
    if (!node || typeof node !== 'object' || typeof node.op !== 'string')
      continue;
    if (node.op === 'call' || node.op === 'rcall') {
      const refused = REFUSED_FUNCTIONS.get(node.args[0]);
      if (refused) throw new Error(refused);
      if (node.op === 'rcall' && node.args[0] === 'join')
        markJoinReceiver(node.args[1]);
    }
    // Operands are a node, a list of nodes or [key, value] pairs in `args`; the names and
    // literal values also found there are skipped above.
    stack.push(...([node.args] as unknown[]).flat(2));
  }
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
      `expression of ${expression.length} characters, over the limit of ${budget.maxExpressionLength}`,
    );
  let program = programs.get(expression);
  if (!program) {
    program = meteredEnvironment().parse(expression);
    inspect(program.ast);
    if (programs.size >= MAX_CACHED_PROGRAMS)
      programs.delete(programs.keys().next().value!);
    programs.set(expression, program);
  }
  return program;
}
