import { parse } from '@marcbachmann/cel-js';
import { DEFAULT_CEL_BUDGET } from './celBudget';
import { evaluateMetered } from './celEngine';
import { CelMeter } from './celMeter';
import { METERING_PROBES, proveMetering } from './celProbe';
import { compileExpression } from './celPrograms';

/**
 * The meter hooks into cel-js internals; a cel-js whose evaluator it cannot reach or whose
 * steps it does not see must stop template evaluation, not let it run unmetered.
 */
describe('metered CEL environment', () => {
  // Each test loads the modules afresh over its own fake cel-js, and leaves none behind.
  beforeEach(() => jest.resetModules());
  afterEach(() => jest.resetModules());

  function withCelJs(fakeEnvironment: (actual: any) => unknown) {
    jest.doMock('@marcbachmann/cel-js', () => {
      const actual = jest.requireActual('@marcbachmann/cel-js');
      return { ...actual, Environment: fakeEnvironment(actual) };
    });
    return require('./evaluateTemplate') as typeof import('./evaluateTemplate');
  }

  it('fails closed when the evaluator cannot be reached', () => {
    // Programs that evaluate through cel-js's unmetered global environment.
    const { celContext, evaluateExpression } = withCelJs(
      actual =>
        class {
          parse(expression: string) {
            const program = (ctx: unknown) => actual.evaluate(expression, ctx);
            return Object.assign(program, {
              ast: actual.parse(expression).ast,
            });
          }
        },
    );
    expect(() => evaluateExpression('1 + 1', celContext({}), 'x')).toThrow(
      'x: ${1 + 1} failed: templates cannot be evaluated safely with this @marcbachmann/cel-js: its evaluator is not reachable',
    );
  });

  it('fails closed when the evaluator no longer runs steps through the hook', () => {
    // The evaluator is reachable, but programs no longer evaluate through it.
    const { celContext, evaluateExpression } = withCelJs(
      actual =>
        class extends actual.Environment {
          parse(expression: string) {
            const program = super.parse(expression);
            if (expression === 'true') return program;
            const unhooked = (ctx: unknown) => actual.evaluate(expression, ctx);
            return Object.assign(unhooked, { ast: program.ast });
          }
        },
    );
    expect(() => evaluateExpression('1 + 1', celContext({}), 'x')).toThrow(
      /templates cannot be evaluated safely .*: its evaluation steps are not metered/,
    );
  });

  it('fails closed when only some constructs run through the hook (here the quantifiers)', () => {
    // A probe of `map` alone let this through: every `all` and `exists` ran unmetered.
    const { celContext, evaluateExpression } = withCelJs(
      actual =>
        class extends actual.Environment {
          parse(expression: string) {
            const program = super.parse(expression);
            if (!/\.(all|exists|exists_one)\(/.test(expression)) return program;
            const unhooked = (ctx: unknown) => actual.evaluate(expression, ctx);
            return Object.assign(unhooked, { ast: program.ast });
          }
        },
    );
    expect(() =>
      evaluateExpression('[1].all(x, x > 0)', celContext({}), 'x'),
    ).toThrow(/its evaluation steps are not metered \(all\(\) cost/);
  });
});

describe('the start-up probe', () => {
  const metered = (expression: string) =>
    compileExpression(expression, DEFAULT_CEL_BUDGET);

  it('passes with the installed cel-js', () => {
    expect(() => proveMetering(metered)).not.toThrow();
  });

  it.each(METERING_PROBES.map(({ what, expression }) => [what, expression]))(
    'notices when %s is evaluated unmetered',
    (what, expression) => {
      // That one probe runs on cel-js's own global environment, whose evaluator is not hooked.
      expect(() =>
        proveMetering(source =>
          source === expression ? parse(source) : metered(source),
        ),
      ).toThrow(`its evaluation steps are not metered (${what} cost`);
    },
  );
});

describe('evaluateMetered', () => {
  it.each([
    ['a promise', () => Promise.resolve(true)],
    ['a thenable', () => ({ then: () => undefined })],
  ])(
    'refuses %s: its remaining steps would run after the meter is detached',
    (_what, evaluate) => {
      const program = Object.assign(evaluate, { ast: parse('true').ast });
      expect(() =>
        evaluateMetered(
          program as unknown as ReturnType<typeof parse>,
          {},
          new CelMeter(DEFAULT_CEL_BUDGET),
        ),
      ).toThrow(
        expect.objectContaining({
          limit: 'engine',
          message: expect.stringMatching(/evaluated asynchronously/),
        }),
      );
    },
  );
});
