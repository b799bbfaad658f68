import { parseEntityDocuments } from './parseEntityDocuments';

/** Cases the property tests of `validate` (stagecraft-node) found. */
describe('parseEntityDocuments on hostile YAML', () => {
  it('reports an alias bomb as a problem of its document, keeping the other documents', () => {
    const levels = 'abcdefghi'.split('');
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...levels
        .slice(1)
        .map(
          (k, i) =>
            `${k}: &${k} [${Array(9).fill(`*${levels[i]}`).join(', ')}]`,
        ),
    ].join('\n');
    const { documents, problems } = parseEntityDocuments(
      `kind: Component\n---\n${bomb}\n`,
      'bomb.yaml',
    );
    expect(documents.map(d => d.value)).toEqual([{ kind: 'Component' }]);
    expect(problems).toEqual([
      {
        source: 'bomb.yaml',
        path: '',
        message:
          'YAML document 2: Excessive alias count indicates a resource exhaustion attack',
      },
    ]);
  });
});
