import {
  celContext,
  evaluateTemplate,
  TemplateError,
} from './evaluateTemplate';

const context = celContext({
  component: { name: 'api', replicas: 2, selector: { app: 'api' } },
  parameters: { max: 5, size: '1Gi' },
});

describe('evaluateTemplate', () => {
  it('gives a whole-string expression its own type', () => {
    expect(
      evaluateTemplate(
        {
          a: '${parameters.max + 1}',
          b: '${component.selector}',
          c: '${component.replicas > 1}',
        },
        context,
      ),
    ).toEqual({
      a: 6,
      b: { app: 'api' },
      c: true,
    });
  });

  it('interpolates expressions inside longer strings', () => {
    expect(
      evaluateTemplate('${component.name}-data (${parameters.size})', context),
    ).toBe('api-data (1Gi)');
  });

  it('walks lists and maps, leaving plain values alone', () => {
    expect(
      evaluateTemplate(
        { list: ['${component.name}', 3, null], plain: 'x' },
        context,
      ),
    ).toEqual({ list: ['api', 3, null], plain: 'x' });
  });

  it('names the failing expression and where it is', () => {
    expect(() =>
      evaluateTemplate(
        { spec: { replicas: '${parameters.missing + 1}' } },
        context,
      ),
    ).toThrow(TemplateError);
    expect(() =>
      evaluateTemplate(
        { spec: { replicas: '${parameters.missing + 1}' } },
        context,
      ),
    ).toThrow(/^spec\.replicas: \$\{parameters\.missing \+ 1\} failed/);
  });
});
