import { ASTNode } from '@marcbachmann/cel-js';
import { CelBudgetExceeded } from './celMeter';

/*
 * What cel-js's native operations cost. An operator or function walks its operands inside one
 * native call no meter or clock can interrupt: `==`, `!=` and `in` compare lists and maps
 * element by element (cel-js shortcuts only on identical objects), string functions scan every
 * character. And CEL shares values: ten references to a list of ten references, seven levels
 * deep, is a few hundred steps to build and 10⁸ elements to compare — 2.3 s in one `==`, ×10
 * per level. So every operand such an operation receives is priced before the operation runs,
 * when the operand's own evaluation step is charged, at its *expanded* size: the elements,
 * entries and characters it holds, a shared value counted once for every reference, as the
 * comparison walks it. That bounds each native call by the budget and charges every repetition
 * (`range.all(i, x == y)`), so the wall clock stays a backstop. Charging built values by their
 * expanded size instead would bound one call but not its repetitions, each charged one step.
 * The few operations whose work is not linear in their operands have rules of their own below.
 */

/** The price of an operand's value: the work the operation receiving it may do. */
export type OperandPrice = (value: unknown) => number;

const PRICE = Symbol('operandPrice');
type Priced = { [PRICE]?: OperandPrice };

/**
 * The price `node`'s value pays when it is evaluated, if it is the operand of a walking
 * operation; a property rather than a WeakMap because it is looked up on every step.
 */
export function operandPrice(node: ASTNode): OperandPrice | undefined {
  return (node as Priced)[PRICE];
}

/**
 * Expanded sizes of lists and maps, computed once per value: CEL values are immutable. (The
 * list a `map` or `filter` fills is appended to in place, but no operand sees it before the
 * macro returns it complete.)
 */
const expanded = new WeakMap<object, number>();

/**
 * Elements, entries and characters in `value` at every depth, shared values counted once per
 * reference. A float: a hostile value's expansion may exceed 2⁵³, which is still over budget.
 */
export function expandedSize(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 0;
  let size = expanded.get(value);
  if (size !== undefined) return size;
  size = 0;
  if (Array.isArray(value) || value instanceof Set) {
    for (const item of value) size += 1 + expandedSize(item);
  } else if (value instanceof Map) {
    for (const [key, item] of value)
      size += 1 + expandedSize(key) + expandedSize(item);
  } else if (value instanceof Uint8Array) {
    size = value.length;
  } else if (value.constructor === Object || value.constructor === undefined) {
    for (const [key, item] of Object.entries(value))
      size += 1 + key.length + expandedSize(item);
  } // else a timestamp, duration, uint or type: a fixed size, covered by the step
  expanded.set(value, size);
  return size;
}

/**
 * `lastIndexOf` is V8's naive search, O(haystack × needle): a 5,000-character needle in a
 * 500,000-character string took 690 ms in one call. Needles are held to this length and the
 * haystack is charged this many times over, which bounds the search by its price. (`indexOf`
 * and `contains` use Boyer–Moore and are linear.)
 */
export const MAX_LAST_INDEX_OF_NEEDLE = 16;

/**
 * cel-js parses a duration with an unanchored regular expression that backtracks, cubic in a
 * run of digits: 4,000 digits took 21 s. Its argument is held to a short string of the form
 * Go and CEL define (`1h30m`, `-1.5s`), checked first by an unambiguous pattern that runs in
 * linear time; on such a string cel-js's own matching succeeds at once.
 */
export const MAX_DURATION_LENGTH = 32;
const DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/;

/**
 * A timestamp method given a time zone (`t.getHours("Europe/Berlin")`) formats the date in that
 * zone through Intl, 60–75 µs a call: as long as ~2,000 steps (25–35 ns each, measured).
 */
export const TIME_ZONE_COST = 2000;

/** cel-js's duration parsing, BigInt arithmetic included: ~4 µs a call, ~100 steps. */
const DURATION_COST = 100;

function bounded(limit: number, what: string): OperandPrice {
  return value => {
    const size = expandedSize(value);
    if (size > limit)
      throw new CelBudgetExceeded(
        'function',
        `${what} of at most ${limit} characters, got ${size}`,
      );
    return size;
  };
}

const durationText: OperandPrice = value => {
  if (typeof value !== 'string') return 0; // cel-js reports the type error
  if (value.length > MAX_DURATION_LENGTH || !DURATION.test(value))
    throw new CelBudgetExceeded(
      'function',
      `duration() takes a duration like "1h30m" or "1.5s" of at most ${MAX_DURATION_LENGTH} characters`,
    );
  return DURATION_COST + value.length;
};

const timeZone: OperandPrice = value => TIME_ZONE_COST + expandedSize(value);

/** Functions whose work is not linear in their operands: receiver and argument prices. */
type Rule = { receiver?: OperandPrice; args: readonly OperandPrice[] };

const RULES = new Map<string, Rule>([
  [
    'lastIndexOf',
    {
      receiver: value => MAX_LAST_INDEX_OF_NEEDLE * expandedSize(value),
      args: [
        bounded(MAX_LAST_INDEX_OF_NEEDLE, 'lastIndexOf() searches a string'),
      ],
    },
  ],
  ['duration', { args: [durationText] }],
  ...[
    'getDate',
    'getDayOfMonth',
    'getDayOfWeek',
    'getDayOfYear',
    'getFullYear',
    'getHours',
    'getMilliseconds',
    'getMinutes',
    'getMonth',
    'getSeconds',
  ].map((name): [string, Rule] => [name, { args: [timeZone] }]),
]);

/**
 * Operators that walk their operands: deep equality, membership and string order compare
 * them; `+` copies lists and, on values of no static type, follows the first element of each
 * level to find the overload.
 */
const WALKING_OPERATORS = new Set([
  '==',
  '!=',
  'in',
  '<',
  '<=',
  '>',
  '>=',
  '+',
]);

function price(node: unknown, how: OperandPrice = expandedSize) {
  if (node && typeof node === 'object') (node as Priced)[PRICE] = how;
}

/** A macro (`map`, `all`, `has`, `cel.bind`, …) iterates or binds: its steps are metered. */
function isMacro(node: ASTNode): boolean {
  const meta = (node as { meta?: { alternate?: unknown; macro?: unknown } })
    .meta;
  return Boolean(meta?.alternate || meta?.macro);
}

/** Prices the operands of `node` if it is a walking operator or a function call. */
export function priceOperands(node: ASTNode) {
  if (WALKING_OPERATORS.has(node.op)) {
    for (const operand of node.args as unknown[]) price(operand);
  } else if ((node.op === 'call' || node.op === 'rcall') && !isMacro(node)) {
    const [name, ...rest] = node.args as [string, ...unknown[]];
    const rule = RULES.get(name);
    const args = rest.pop() as unknown[];
    if (node.op === 'rcall') price(rest[0], rule?.receiver);
    args.forEach((arg, i) => price(arg, rule?.args[i]));
  }
}
