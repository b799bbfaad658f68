import { DEFAULT_CEL_BUDGET } from './celBudget';
import { CelBudgetExceeded } from './celMeter';
import { compileExpression, MAX_NESTING } from './celPrograms';
import { celContext, evaluateExpression } from './evaluateTemplate';
import { failure } from './__testUtils__/cel';

function compileError(expression: string) {
  try {
    compileExpression(expression, DEFAULT_CEL_BUDGET);
  } catch (error) {
    return error as CelBudgetExceeded;
  }
  throw new Error(`${expression.slice(0, 60)} compiled`);
}

describe('expression nesting', () => {
  it.each([
    ['9,000 `!`', `${'!'.repeat(9000)}true`],
    ['`!` with spaces', `${'! '.repeat(MAX_NESTING + 1)}true`],
    ['`-`', `${'-'.repeat(MAX_NESTING + 1)}1`],
  ])(
    'refuses unary operators nested deeper than 250 (%s): cel-js parses them by recursion',
    (_what, expression) => {
      const error = compileError(expression);
      expect(error.limit).toBe('nesting');
      expect(error.message).toBe(
        'unary operators (`!`, `-`) nested deeper than 250 levels',
      );
    },
  );

  it('refuses a chain deeper than 250, which cel-js checks and evaluates by recursion', () => {
    // 4,000 terms: within cel-js's maxDepth, over the stack in its type checker.
    const error = compileError(Array(4000).fill('1').join('+'));
    expect(error.limit).toBe('nesting');
    expect(error.message).toBe('expression nested deeper than 250 levels');
    const { error: reported } = failure(Array(300).fill('1').join('+'));
    expect(reported.message).toMatch(
      /^data\.x: \$\{1\+1\+.*…\} failed: expression nested deeper than 250 levels$/,
    );
  });

  it('still takes what templates write: dashes in strings, a few negations, long flat lists', () => {
    const context = celContext({ a: true });
    expect(
      evaluateExpression(
        `'${'-'.repeat(1000)}'.size() + size([${Array(999)
          .fill('!!a')
          .join(', ')}])`,
        context,
        'x',
      ),
    ).toBe(1999);
    expect(
      evaluateExpression(Array(200).fill('1').join(' + '), context, 'x'),
    ).toBe(200);
  });
});
