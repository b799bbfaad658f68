import { celContext, evaluateTemplate } from './evaluateTemplate';

/** A case the server-side dry run of accepted random catalogs found (see validation/). */
describe('evaluateTemplate and strings that are not Unicode', () => {
  const context = celContext({ parameters: { text: '🚀 launch' } });

  it('refuses a lone surrogate that substring() cuts out of an emoji, naming the field', () => {
    expect(() =>
      evaluateTemplate(
        { data: { first: '${parameters.text.substring(0, 1)}' } },
        context,
      ),
    ).toThrow(
      'data.first: ${parameters.text.substring(0, 1)} failed: it produced a string with a lone UTF-16 surrogate',
    );
  });

  it('keeps a whole emoji', () => {
    expect(
      evaluateTemplate(
        { first: '${parameters.text.substring(0, 2)}' },
        context,
      ),
    ).toEqual({ first: '🚀' });
  });
});
