import { parseEntityDocuments } from '@stagecraft/plugin-stagecraft-common';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { catalogArbitrary } from './__testUtils__/entityArbitraries';
import { validateDocuments } from './validateDocuments';

/**
 * What `stagecraft validate` does with a file — parse the YAML, then validate every document —
 * on random catalogs written as YAML and spliced with hostile YAML: anchors that refer to
 * themselves (reference cycles), alias bombs, unknown tags, deep flow collections, a stray
 * document separator. Every outcome is a problem naming its document or field; nothing throws.
 * `FC_SEED` replays a run.
 */
const options = {
  seed: Number(process.env.FC_SEED ?? 1130),
  numRuns: Number(process.env.FC_RUNS ?? 40),
  interruptAfterTimeLimit: 8_000,
  timeout: 5_000,
};

const levels = 'abcdefghi'.split('');
const HOSTILE_YAML: readonly string[] = [
  // An alias bomb: 9^9 strings once expanded.
  [
    'bomb0: &a [x, x, x, x, x, x, x, x, x]',
    ...levels
      .slice(1)
      .map(
        (k, i) =>
          `bomb${i + 1}: &${k} [${Array(9).fill(`*${levels[i]}`).join(', ')}]`,
      ),
  ].join('\n'),
  'metadata: &self\n  name: loop\n  again: *self',
  'spec: &s\n  deploy:\n    parameters: *s',
  `deep: ${'['.repeat(3000)}${']'.repeat(3000)}`,
  'weird: !custom-tag { a: 1 }',
  'bin: !!binary aGVsbG8=',
  '---',
  'kind: [unclosed',
  '? [complex, key]\n: value',
  'a: *undefined-alias',
];

/** A catalog as one multi-document file, with a hostile piece spliced into some documents. */
const yamlFile = fc
  .tuple(
    catalogArbitrary('anywhere'),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE_YAML)), {
      maxLength: 3,
    }),
  )
  .map(([entities, splices]) => {
    const documents = entities.map(e => {
      try {
        return stringify(e, { lineWidth: 0 });
      } catch {
        // Nested thousands of levels deep: too deep for the writer, so written by hand.
        return `kind: Component\nspec: ${'['.repeat(5000)}${']'.repeat(
          5000,
        )}\n`;
      }
    });
    for (const [at, piece] of splices)
      documents[at % documents.length] += `${piece}\n`;
    return documents.join('---\n');
  });

const CRASH =
  /Cannot read propert|is not a function|is not iterable|Invalid string length|circular structure|the compiler failed|\[object Object\]/;

describe('validate on YAML files (properties)', () => {
  jest.setTimeout(60_000);

  it('reports every problem of a hostile YAML file with its file and field, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(yamlFile, async text => {
        const parsed = parseEntityDocuments(text, 'catalog.yaml');
        const { problems } = await validateDocuments({
          documents: parsed.documents,
        });
        for (const p of [...parsed.problems, ...problems]) {
          // `catalog`: about an entity the file lacks, e.g. an environment whose document broke.
          expect(['catalog.yaml', 'catalog']).toContain(p.source);
          expect(p.message).not.toMatch(CRASH);
        }
      }),
      options,
    );
  });
});
