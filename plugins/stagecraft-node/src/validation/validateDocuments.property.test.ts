import { Entity } from '@backstage/catalog-model';
import { EntityProblem } from '@stagecraft/plugin-stagecraft-common';
import fc from 'fast-check';
import { compileEnvironment } from '../compiler/compileEnvironment';
import { component, withSystems } from '../compiler/__fixtures__/entities';
import {
  BUDGET_BUSTING_CEL,
  catalogArbitrary,
  componentsArbitrary,
  platformWith,
} from './__testUtils__/entityArbitraries';
import { manifestShapeProblems } from './__testUtils__/manifestShape';
import { validateDocuments } from './validateDocuments';

/**
 * Random and hostile catalogs through `validate` (documents' own problems, then every stage
 * compiled) and the compiler. A run is reproducible: fast-check prints the seed and the path of
 * a failure, and `FC_SEED=<seed>` replays it (the default seed is fixed, so CI sees the same
 * cases every run).
 */
const options = {
  seed: Number(process.env.FC_SEED ?? 1130),
  numRuns: Number(process.env.FC_RUNS ?? 60),
  // A hang would exhaust jest's timeout; this only keeps the file within its budget.
  interruptAfterTimeLimit: 8_000,
  timeout: 5_000,
};

/** What an exception that escaped as a "problem" looks like, rather than a reason. */
const CRASH =
  /Cannot read propert|is not a function|is not iterable|Maximum call stack|Invalid string length|Invalid array length|circular structure|the compiler failed|undefined|\[object Object\]/;

function crashProblems(problems: EntityProblem[]): string[] {
  return problems
    .filter(
      p =>
        p.code === 'compile-failed' ||
        CRASH.test(p.message) ||
        !p.message.trim() ||
        // The field is the problem's path, or quoted in the catalog envelope's own message.
        !(p.path || p.entityRef || /"[a-z]+(\.[a-zA-Z]+)+"/.test(p.message)),
    )
    .map(p => JSON.stringify(p).slice(0, 500));
}

const documentsOf = (entities: Entity[]) =>
  entities.map((value, index) => ({
    source: `random-${index}.yaml`,
    index: 0,
    value: value as unknown as Record<string, unknown>,
  }));

describe('validate and compile (properties)', () => {
  jest.setTimeout(60_000);

  it('reports every problem of a random or hostile catalog as a reason naming its entity or field, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(catalogArbitrary('anywhere'), async entities => {
        const { problems } = await validateDocuments({
          documents: documentsOf(entities),
        });
        expect(crashProblems(problems)).toEqual([]);
      }),
      options,
    );
  });

  it('compiles what validate accepts into objects the API server can take, with no entity text in keys', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(catalogArbitrary('free'), async entities => {
        const { problems } = await validateDocuments({
          documents: documentsOf(entities),
        });
        if (problems.some(p => (p.severity ?? 'error') === 'error')) return;
        accepted++;
        for (const environment of ['dev', 'production']) {
          const result = compileEnvironment({ entities, environment });
          expect(
            result.diagnostics.filter(d => d.severity === 'error'),
          ).toEqual([]);
          expect(manifestShapeProblems(result.manifests)).toEqual([]);
        }
      }),
      options,
    );
    // Not a tautology: some random catalogs must get through for the property to mean anything.
    expect(accepted).toBeGreaterThan(0);
  });

  it('refuses a template whose CEL exceeds the budget, naming the template field, whatever else the catalog holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...BUDGET_BUSTING_CEL),
        fc.boolean(),
        componentsArbitrary('free'),
        async (cel, inTrait, components) => {
          const entities = withSystems([
            ...platformWith(
              inTrait ? '${component.name}' : cel,
              inTrait ? cel : '${component.project}',
            ),
            ...components,
            component('probe', 'shop', {
              type: 'custom',
              deploy: {
                image: 'registry.example/probe:1',
                parameters: { text: 'probe' },
                traits: [{ name: 'annotate' }],
              },
            }),
          ]);
          const { problems } = await validateDocuments({
            documents: documentsOf(entities),
          });
          expect(problems).toContainEqual(
            expect.objectContaining({
              entityRef: 'component:default/probe',
              code: 'template-rejected',
              message: expect.stringContaining(
                inTrait
                  ? 'patches[0].merge.metadata.annotations.note'
                  : 'creates[0].template.data.hostile',
              ),
            }),
          );
        },
      ),
      { ...options, numRuns: 8 },
    );
  });
});
