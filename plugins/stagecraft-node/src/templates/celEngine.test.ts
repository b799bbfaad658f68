/**
 * The meter hooks into cel-js internals; a cel-js whose evaluator it cannot reach or whose
 * steps it does not see must stop template evaluation, not let it run unmetered.
 */
describe('metered CEL environment', () => {
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
});
