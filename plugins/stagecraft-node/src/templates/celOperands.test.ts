import { expandedSize, MAX_DURATION_LENGTH } from './celOperands';
import { celContext, evaluateExpression } from './evaluateTemplate';
import { contextWith, failure, list } from './__testUtils__/cel';

/**
 * Two separate but equal lists, each level ten references to the level below, `levels` deep:
 * a few hundred steps to build, 10^(levels + 1) elements for `==` to walk.
 */
function sharedPair(levels: number) {
  const ten = (i: number) => `[${Array(10).fill(`p[${i}]`).join(', ')}]`;
  const step = `.map(p, [${ten(0)}, ${ten(1)}])`;
  return `[[${list(10)}, ${list(10)}]]${step.repeat(levels)}`;
}

describe('operands that operators and functions walk', () => {
  it('are priced at their expanded size, a shared value once per reference', () => {
    const inner = [1n, 2n, 'abc'];
    expect(expandedSize(inner)).toBe(3 + 3);
    expect(expandedSize([inner, inner, { k: inner }])).toBe(3 + 6 + 6 + 2 + 6);
    expect(expandedSize(new Map([['key', inner]]))).toBe(1 + 3 + 6);
  });

  it.each([
    ['==', 'p[0] == p[1]'],
    ['!=', 'p[0] != p[1]'],
    ['in', 'p[0] in [p[1]]'],
  ])('stop %s on shared values before it walks them', (_op, predicate) => {
    // Six levels: 10⁷ elements a side, 0.25 s in one unmetered comparison (8 levels: 13 s).
    const { error, meter } = failure(
      `${sharedPair(6)}.exists(p, ${predicate})`,
    );
    expect(error.message).toMatch(/failed: over the CEL cost budget/);
    expect(meter.failure?.limit).toBe('cost');
  });

  it('charge every repeated comparison for what it walks', () => {
    // Each `x == y` walks 2,000 elements: 1,000 of them are 2·10⁶, charged one step each before.
    const thousand = [...Array(1000).keys()];
    const { meter } = failure(
      `${list(1000)}.all(i, x == y)`,
      contextWith({ x: thousand, y: [...thousand] }),
    );
    expect(meter.failure?.limit).toBe('cost');
  });

  it('charge `in` by the length of the list it searches', () => {
    // 10⁶ comparisons per `in`, 10⁹ in all; once a single step, left to the wall clock.
    const context = contextWith({ big: [...Array(1_000_000).keys()] });
    const { meter } = failure(`${list(1000)}.all(i, !(-1 in big))`, context);
    expect(meter.failure?.limit).toBe('cost');
  });

  it('charge a string function for every character it scans', () => {
    // A 100,000-character string scanned 1,000 times.
    const context = contextWith({ s: 'a'.repeat(100_000) });
    const { meter } = failure(
      `${list(1000)}.all(i, size(s) > 0 && s.indexOf("b") < 0)`,
      context,
    );
    expect(meter.failure?.limit).toBe('cost');
  });

  it('charge lastIndexOf, quadratic in V8, for the longest needle it may take', () => {
    const context = () => contextWith({ s: 'a'.repeat(100_000) });
    // A 5,000-character needle in 500,000 characters took 690 ms in one call.
    const { error, meter } = failure(
      `s.lastIndexOf("${'a'.repeat(5000)}b")`,
      context(),
    );
    expect(error.message).toMatch(
      /lastIndexOf\(\) searches a string of at most 16 characters, got 5001/,
    );
    expect(meter.spent).toBeLessThan(10);
    // A short needle is charged 16 times the haystack: 1.6 million here.
    expect(failure(`s.lastIndexOf("ab")`, context()).meter.failure?.limit).toBe(
      'cost',
    );
    expect(
      evaluateExpression(`'a-b-c'.lastIndexOf('-')`, celContext({}), 'x'),
    ).toBe(3);
  });

  it('hold duration() to a short, well-formed string: cel-js parses it in cubic time', () => {
    // 1,000 digits took 0.3 s inside cel-js, 4,000 took 21 s.
    for (const text of ['1'.repeat(1000), '1s'.repeat(17), '1'.repeat(30)]) {
      const { error, meter } = failure(`duration("${text}")`);
      expect(error.message).toMatch(
        new RegExp(
          `duration\\(\\) takes a duration like "1h30m" or "1.5s" of at most ${MAX_DURATION_LENGTH} characters$`,
        ),
      );
      expect(meter.spent).toBe(0);
    }
    expect(
      evaluateExpression(
        '[duration("1h30m").getMinutes(), duration("-1.5s").getMilliseconds(), duration("250ms").getMilliseconds()]',
        celContext({}),
        'x',
      ),
    ).toEqual([90, -1500, 250]);
  });

  it('charge a time-zone lookup (~70 µs) as 2,000 steps', () => {
    const { meter } = failure(
      `${list(
        200,
      )}.all(i, timestamp("2024-01-01T00:00:00Z").getHours("Europe/Berlin") >= 0)`,
      contextWith({}, { maxCost: 100_000 }),
    );
    expect(meter.failure?.limit).toBe('cost');
    expect(
      evaluateExpression(
        'timestamp("2024-01-01T00:00:00Z").getHours("Europe/Berlin")',
        celContext({}),
        'x',
      ),
    ).toBe(1);
  });
});

describe('errors that CEL swallows', () => {
  it('are charged as they are thrown: each captures a stack and formats the expression', () => {
    // 1,000 swallowed division errors: ~15 ms unmetered here, ~50 µs each in a long expression;
    // charged a few steps each before, cost ~6,000.
    const { meter } = failure(
      `${list(1000)}.exists(i, 1 / 0 == 1)`,
      contextWith({}, { maxCost: 100_000 }),
    );
    expect(meter.failure?.limit).toBe('cost');
  });
});
