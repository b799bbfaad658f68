import { ParseResult } from '@marcbachmann/cel-js';
import { DEFAULT_CEL_BUDGET } from './celBudget';
import { evaluateMetered, THROWN_ERROR_COST } from './celEngine';
import { CelMeter } from './celMeter';

const FORTY = 40;

/** A cheap receiver (one step) of forty elements, and a forty-character string. */
const CONTEXT = {
  l: [...Array(FORTY).keys()].map(BigInt),
  s: 'x'.repeat(FORTY),
};

/**
 * Each construct the meter must see, with the least it costs when metered: over forty elements
 * or characters, one charge per element (a step of a macro) is 40; elements run as steps and
 * counted as built, or one string built from two, are 80. Unmetered, each costs a few units,
 * except that a list a macro returns is charged from outside it (built, and walked by `size`):
 * 80, so those probes ask for 120, which only the macro's own steps reach. Not at the root,
 * which cel-js evaluates itself (evaluateMetered charges what it built).
 */
type Probe = { what: string; expression: string; atLeast: number };

const probe = (what: string, expression: string, atLeast: number): Probe => ({
  what,
  expression,
  atLeast,
});

export const METERING_PROBES: readonly Probe[] = [
  probe(
    'a list literal',
    `size([${Array(FORTY).fill('0').join(', ')}])`,
    2 * FORTY,
  ),
  probe(
    'a map literal',
    `size({${[...Array(FORTY).keys()].map(i => `${i}: 0`).join(', ')}})`,
    2 * FORTY,
  ),
  probe('`+`', 'size(s + s)', 2 * FORTY),
  probe("a function's receiver and result", 'size(s.upperAscii())', 2 * FORTY),
  probe("a function's argument", 'size(s)', FORTY),
  probe('`==`', 'l == l', 2 * FORTY),
  probe('`in`', '0 in l', FORTY),
  probe('all()', 'l.all(x, true)', FORTY),
  probe('exists()', 'l.exists(x, false)', FORTY),
  probe('exists_one()', 'l.exists_one(x, false)', FORTY),
  probe('filter()', 'size(l.filter(x, true))', 3 * FORTY),
  probe('map()', 'size(l.map(x, x))', 3 * FORTY),
  probe('map() with a filter', 'size(l.map(x, true, x))', 3 * FORTY),
  probe(
    'a swallowed error',
    'l.exists(x, 1 / 0 == 1)',
    FORTY * THROWN_ERROR_COST,
  ),
];

/**
 * Proves that `parse` (cel-js's, plus Stagecraft's inspection) yields programs whose every kind
 * of step is metered; throws naming the first that is not.
 */
export function proveMetering(parse: (expression: string) => ParseResult) {
  for (const { what, expression, atLeast } of METERING_PROBES) {
    const meter = new CelMeter(DEFAULT_CEL_BUDGET);
    try {
      evaluateMetered(parse(expression), CONTEXT, meter);
    } catch {
      // only its cost matters (the error probe ends with the error)
    }
    if (meter.spent < atLeast)
      throw new Error(
        `its evaluation steps are not metered (${what} cost ${meter.spent}, at least ${atLeast} expected)`,
      );
  }
}
