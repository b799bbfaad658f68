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

const list = (n: number) => `[${[...Array(n).keys()].join(', ')}]`;

/** Nests `depth` comprehensions over `items`, innermost `body`: items^depth steps. */
function nested(macro: string, items: string, depth: number, body: string) {
  const vars = 'abcdefghijklmnop'.slice(0, depth).split('');
  return vars.reduceRight(
    (inner, v) => `${items}.${macro}(${v}, ${inner})`,
    body,
  );
}

/** Evaluates and returns what was thrown, with how long it took. */
function failure(expression: string, context = celContext({})) {
  const started = performance.now();
  try {
    evaluateExpression(expression, context, 'data.x');
  } catch (error) {
    return { error: error as Error, ms: performance.now() - started };
  }
  throw new Error(`${expression.slice(0, 60)} did not fail`);
}

describe('CEL budget', () => {
  it('stops a 10⁸-step comprehension at the cost budget, fast', () => {
    // 100⁴ = 10⁸ iterations of the innermost predicate: 18 s unmetered.
    const { error, ms } = failure(
      `cel.bind(l, ${list(100)}, ${nested('all', 'l', 4, 'a >= 0')})`,
    );
    expect(error).toBeInstanceOf(TemplateError);
    expect(error.message).toMatch(
      /^data\.x: \$\{cel\.bind\(l, \[0, 1, 2.*…\} failed: over the CEL cost budget of 1000000 per template/,
    );
    expect(ms).toBeLessThan(2000);
  });

  it('stops nine nested maps over ten-element lists before they fill the heap', () => {
    // 10⁹ elements: unmetered, 4 GB of heap was exhausted after 35 s.
    const { error, ms } = failure(nested('map', list(10), 9, 'i'));
    expect(error.message).toMatch(/failed: over the CEL cost budget/);
    expect(ms).toBeLessThan(2000);
  });

  it('charges what is built, so doubling a list cannot exhaust memory in few steps', () => {
    // 27 doublings of ten elements are 1.3 billion elements in 28 steps.
    const doublings = [...Array(27).keys()].reduceRight(
      (inner, i) => `cel.bind(l${i + 1}, l${i} + l${i}, ${inner})`,
      'size(l27)',
    );
    const { error, ms } = failure(`cel.bind(l0, ${list(10)}, ${doublings})`);
    expect(error.message).toMatch(/over the CEL cost budget/);
    expect(ms).toBeLessThan(2000);
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
    const { error, ms } = failure(`cel.bind(l0, ${list(10)}, ${shared})`);
    expect(error.message).toMatch(
      /output over the budget of 1000000 elements and characters per template/,
    );
    expect(ms).toBeLessThan(2000);
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
      const { error } = failure(`cel.bind(s0, 'x', ${doublings})`);
      expect(error.message).toMatch(/over the CEL cost budget/);
      expect(
        join.mock.contexts.some(c => Array.isArray(c) && c.length === 1000),
      ).toBe(false);
    } finally {
      join.mockRestore();
    }
  });

  it('stops at the time limit work the cost model underprices', () => {
    // `in` over 10⁶ elements is one step; 10³ of them is 10⁹ comparisons and cost ~10⁴.
    const context = celContext(
      { big: [...Array(1_000_000).keys()] },
      { ...DEFAULT_CEL_BUDGET, maxMillis: 50 },
    );
    const { error, ms } = failure(
      `${list(1000)}.all(i, !(-1 in big))`,
      context,
    );
    expect(error.message).toMatch(
      /failed: evaluation over the time budget of 50 ms per template/,
    );
    expect(ms).toBeLessThan(1000);
  });

  it('shares one budget between the expressions of one template application', () => {
    // One of these costs some 5,000: its list literal, then a few steps per element.
    const context = celContext({}, { ...DEFAULT_CEL_BUDGET, maxCost: 8000 });
    const thousand = `${list(1000)}.all(x, true)`;
    expect(evaluateExpression(thousand, context, 'a')).toBe(true);
    expect(() => evaluateExpression(thousand, context, 'b')).toThrow(
      /^b: .* over the CEL cost budget of 8000/,
    );
    // A new application starts afresh.
    const fresh = celContext({}, { ...DEFAULT_CEL_BUDGET, maxCost: 8000 });
    expect(evaluateExpression(thousand, fresh, 'a')).toBe(true);
  });

  it('is not absorbed by CEL operators that swallow errors', () => {
    const { error } = failure(`${nested('all', list(100), 4, 'true')} || true`);
    expect(error.message).toMatch(/over the CEL cost budget/);
  });

  it('refuses matches(): a backtracking regular expression cannot be metered', () => {
    // '^(a+)+$' over 27 characters took 6 s in one native call.
    const { error, ms } = failure(
      "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.matches('^(a+)+$')",
    );
    expect(error.message).toMatch(/matches\(\) is not available in templates/);
    expect(ms).toBeLessThan(1000);
  });

  describe('error messages quote a short excerpt, never the whole expression', () => {
    const megabyte = `'${'a'.repeat(1 << 20)}'`;

    it('for an expression over the length limit', () => {
      const { error } = failure(`${megabyte} + 1`);
      expect(error.message.length).toBeLessThan(300);
      expect(error.message).toMatch(
        /^data\.x: \$\{'a{78}…\} failed: expression of 1048582 characters, over the limit of 10000$/,
      );
    });

    it('for a parse error in a long expression', () => {
      const context = celContext(
        {},
        { ...DEFAULT_CEL_BUDGET, maxExpressionLength: 2 << 20 },
      );
      const { error } = failure(`${megabyte} + + )`, context);
      expect(error.message.length).toBeLessThan(400);
      expect(error.message).toMatch(/failed: .*\(at character 10485\d\d\)$/);
    });

    it('for an evaluation error quoting a long value', () => {
      const { error } = failure(
        `{'a': 1}['${'k'.repeat(5000)}']`,
        celContext({}),
      );
      expect(error.message.length).toBeLessThan(400);
      expect(error.message).toMatch(/No such key: k+…/);
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
