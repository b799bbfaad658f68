import { ConfigReader } from '@backstage/config';
import {
  configureCelBudget,
  currentCelBudget,
  DEFAULT_CEL_BUDGET,
  readCelBudget,
} from './celBudget';
import {
  celContext,
  evaluateExpression,
  evaluateTemplate,
  TemplateError,
} from './evaluateTemplate';
import { CLOCK_EVERY } from './celMeter';
import { compileExpression } from './celPrograms';
import { contextWith, failure, list, nested } from './__testUtils__/cel';

/*
 * Every assertion is on the meter (what was charged, which limit was met), never on the wall
 * clock: a timed assertion flakes on a loaded machine, and performance is the benchmark's job.
 * Unmetered, each of these runs for seconds to minutes or exhausts the heap, so a regression
 * also fails by jest's timeout.
 */
describe('CEL budget', () => {
  it('stops a 10⁸-step comprehension at the cost budget', () => {
    // 100⁴ = 10⁸ iterations of the innermost predicate: 18 s unmetered.
    const { error, meter } = failure(
      `cel.bind(l, ${list(100)}, ${nested('all', 'l', 4, 'a >= 0')})`,
    );
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toMatch(
      /^data\.x: \$\{cel\.bind\(l, \[0, 1, 2.*…\} failed: over the CEL cost budget of 1000000 per template/,
    );
    expect(meter.failure?.limit).toBe('cost');
  });

  it('stops nine nested maps over ten-element lists before they fill the heap', () => {
    // 10⁹ elements: unmetered, 4 GB of heap was exhausted after 35 s.
    const { error, meter } = failure(nested('map', list(10), 9, 'i'));
    expect(error.message).toMatch(/failed: over the CEL cost budget/);
    expect(meter.failure?.limit).toBe('cost');
  });

  it('charges what is built, so doubling a list cannot exhaust memory in few steps', () => {
    // 27 doublings of ten elements are 1.3 billion elements in 28 steps.
    const doublings = [...Array(27).keys()].reduceRight(
      (inner, i) => `cel.bind(l${i + 1}, l${i} + l${i}, ${inner})`,
      'size(l27)',
    );
    const { meter } = failure(`cel.bind(l0, ${list(10)}, ${doublings})`);
    expect(meter.failure?.limit).toBe('cost');
  });

  it('charges output, so shared values cannot expand into a billion elements', () => {
    // Ten references to one list, nine levels deep: small in CEL, 10⁹ elements as JSON.
    const shared = [...Array(9).keys()].reduceRight(
      (inner, i) =>
        `cel.bind(l${i + 1}, [${Array(10)
          .fill(`l${i}`)
          .join(', ')}], ${inner})`,
      'l9',
    );
    const { error, meter } = failure(`cel.bind(l0, ${list(10)}, ${shared})`);
    expect(error.message).toMatch(
      /output over the budget of 1000000 elements and characters per template/,
    );
    expect(meter.failure?.limit).toBe('output');
  });

  it('charges a join before it is made', () => {
    const join = jest.spyOn(Array.prototype, 'join');
    try {
      // s18 is 2¹⁸ characters (cost ~2¹⁹); joining 1,000 of it would build 256 MB at once.
      const fifty = `[${Array(50).fill('s18').join(', ')}]`;
      const doublings = [...Array(18).keys()].reduceRight(
        (inner, i) => `cel.bind(s${i + 1}, s${i} + s${i}, ${inner})`,
        `cel.bind(l, ${Array(20).fill(fifty).join(' + ')}, l.join(''))`,
      );
      const { meter } = failure(`cel.bind(s0, 'x', ${doublings})`);
      expect(meter.failure?.limit).toBe('cost');
      expect(
        join.mock.contexts.some(c => Array.isArray(c) && c.length === 1000),
      ).toBe(false);
    } finally {
      join.mockRestore();
    }
  });

  describe('the wall-clock backstop', () => {
    /** A clock at 0 when the meter starts and `later` ms at every read after; counts reads. */
    function fakeClock(later: number) {
      const clock = Object.assign(() => (clock.reads++ === 0 ? 0 : later), {
        reads: 0,
      });
      return clock;
    }

    it('stops an evaluation past maxMillis, read inside it every 256 charges', () => {
      const clock = fakeClock(60);
      const context = celContext(
        {},
        { ...DEFAULT_CEL_BUDGET, maxMillis: 50 },
        clock,
      );
      // ~5,000 charges if it ran to the end, well within the cost budget.
      const { error, meter } = failure(`${list(1000)}.all(i, i >= 0)`, context);
      expect(error.message).toMatch(
        /failed: evaluation over the time budget of 50 ms per template$/,
      );
      expect(meter.failure?.limit).toBe('time');
      // Read when the application started, then at the 256th charge, which threw.
      expect(clock.reads).toBe(2);
      expect(meter.spent).toBeLessThan(2 * CLOCK_EVERY);
    });

    it('is not read by an application of fewer steps', () => {
      const clock = fakeClock(60);
      const context = celContext(
        {},
        { ...DEFAULT_CEL_BUDGET, maxMillis: 50 },
        clock,
      );
      expect(evaluateExpression(`[1, 2, 3].all(i, i >= 0)`, context, 'a')).toBe(
        true,
      );
      expect(clock.reads).toBe(1);
    });
  });

  it('shares one budget between the expressions of one template application', () => {
    // One of these costs some 5,000: its list literal, then a few steps per element.
    const context = contextWith({}, { maxCost: 8000 });
    const thousand = `${list(1000)}.all(x, true)`;
    expect(evaluateExpression(thousand, context, 'a')).toBe(true);
    const first = context.meter.spent;
    expect(first).toBeGreaterThan(4000);
    expect(() => evaluateExpression(thousand, context, 'b')).toThrow(
      /^b: .* over the CEL cost budget of 8000/,
    );
    // A new application starts afresh.
    const fresh = contextWith({}, { maxCost: 8000 });
    expect(evaluateExpression(thousand, fresh, 'a')).toBe(true);
    expect(fresh.meter.spent).toBe(first);
  });

  it('is not absorbed by CEL operators that swallow errors', () => {
    const { meter } = failure(`${nested('all', list(100), 4, 'true')} || true`);
    expect(meter.failure?.limit).toBe('cost');
  });

  it('refuses matches() when the expression is compiled, before any step runs', () => {
    // '^(a+)+$' over 27 characters took 6 s in one native call; no budget can stop that.
    const expression = `['x'].all(s, s.matches('^(a+)+$'))`;
    expect(() => compileExpression(expression, DEFAULT_CEL_BUDGET)).toThrow(
      expect.objectContaining({ limit: 'function' }),
    );
    const { error, meter } = failure(expression);
    expect(error.message).toMatch(/matches\(\) is not available in templates/);
    expect(meter.spent).toBe(0);
  });

  describe('error messages quote a short excerpt, never the whole expression', () => {
    const megabyte = `'${'a'.repeat(1 << 20)}'`;
    /** What follows `failed: `, without the position. */
    const reason = (error: Error) =>
      error.message.split(' failed: ')[1].replace(/ \(at character \d+\)$/, '');

    it('for an expression over the length limit', () => {
      const { error } = failure(`${megabyte} + 1`);
      expect(error.message).toMatch(
        /^data\.x: \$\{'a{78}…\} failed: expression of 1048582 characters, over the limit of 10000$/,
      );
    });

    it('for a parse error in a long expression', () => {
      const context = contextWith({}, { maxExpressionLength: 2 << 20 });
      const { error } = failure(`${megabyte} + + )`, context);
      expect(error.message.length).toBeLessThan(250);
      expect(error.message).toMatch(/failed: .*\(at character 10485\d\d\)$/);
    });

    it('for an evaluation error quoting a long value: at most 80 characters of it', () => {
      const { error } = failure(`{'a': 1}['${'k'.repeat(5000)}']`);
      expect(reason(error)).toMatch(/^No such key: k+…$/);
      expect(reason(error).length).toBeLessThanOrEqual(80);
    });
  });

  it('still evaluates ordinary templates, with their values', () => {
    const context = celContext({
      component: { name: 'api', replicas: 3, labels: { app: 'api' } },
      parameters: { ports: [8080, 9090], size: '1Gi', minAvailable: 1 },
    });
    expect(
      evaluateTemplate(
        {
          name: '${component.name}-data',
          ports: '${parameters.ports.map(p, {"containerPort": p})}',
          enabled: '${component.replicas > parameters.minAvailable}',
          joined: '${parameters.ports.map(p, string(p)).join(",")}',
          labels: '${component.labels}',
          storage: '${parameters.size}',
        },
        context,
      ),
    ).toEqual({
      name: 'api-data',
      ports: [{ containerPort: 8080 }, { containerPort: 9090 }],
      enabled: true,
      joined: '8080,9090',
      labels: { app: 'api' },
      storage: '1Gi',
    });
  });
});

describe('CEL budget configuration', () => {
  afterEach(() => configureCelBudget({}));

  it('reads stagecraft.templates.celBudget over the defaults', () => {
    const budget = readCelBudget(
      new ConfigReader({
        stagecraft: { templates: { celBudget: { maxCost: 5000 } } },
      }),
    );
    expect(configureCelBudget(budget)).toEqual({
      ...DEFAULT_CEL_BUDGET,
      maxCost: 5000,
    });
    expect(currentCelBudget().maxCost).toBe(5000);
    expect(() =>
      evaluateExpression(`${list(1000)}.all(x, x >= 0)`, celContext({}), 'x'),
    ).toThrow(/over the CEL cost budget of 5000/);
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readCelBudget(
        new ConfigReader({
          stagecraft: { templates: { celBudget: { maxMillis: 0 } } },
        }),
      ),
    ).toThrow(
      'stagecraft.templates.celBudget.maxMillis must be a positive integer, got 0',
    );
  });
});
