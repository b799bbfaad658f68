import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CompileContextReader } from '@stagecraft/plugin-stagecraft-node';
// The entity arbitraries are a test utility of the node package, shared by its property tests.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { catalogArbitrary } from '@stagecraft/plugin-stagecraft-node/src/validation/__testUtils__/entityArbitraries';
import fc from 'fast-check';
import { StagecraftEntitiesProcessor } from './StagecraftEntitiesProcessor';

/**
 * Random and hostile catalogs (stagecraft-node's entity arbitraries) through the processor as
 * the catalog runs it: `validateEntityKind` for Stagecraft kinds, then `postProcessEntity` for
 * every entity, compiling components against the rest. A refusal is the catalog's processing
 * error — a `TypeError` from `validateEntityKind`, an input error from `postProcessEntity` —
 * whose message names the field; anything else escaping is a crash. `FC_SEED` replays a run.
 */
const options = {
  seed: Number(process.env.FC_SEED ?? 1130),
  numRuns: Number(process.env.FC_RUNS ?? 40),
  interruptAfterTimeLimit: 8_000,
  timeout: 5_000,
};

/** Messages of an exception that escaped, rather than a reason written for a person. */
const CRASH =
  /Cannot read propert|is not a function|is not iterable|Maximum call stack|Invalid string length|circular structure|the compiler failed|\bundefined\b|\[object Object\]/;

const location = { type: 'file', target: '/catalog/random.yaml' };

function processorOver(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  return new StagecraftEntitiesProcessor({
    compileContext: new CompileContextReader({
      getEntities: r => catalog.getEntities(r),
      getEntitiesByRefs: r => catalog.getEntitiesByRefs(r),
    }),
    logger: mockServices.logger.mock(),
  });
}

/** What the catalog would record for the entity: each error message, or the crash. */
async function processingErrors(
  processor: StagecraftEntitiesProcessor,
  entity: Entity,
): Promise<string[]> {
  try {
    if (entity.apiVersion === 'stagecraft.dev/v1alpha1')
      await processor.validateEntityKind(entity);
  } catch (error) {
    // The catalog shows a TypeError from validateEntityKind as the entity's processing error,
    // and processes the entity no further.
    if (!(error instanceof TypeError)) throw error;
    return [error.message];
  }
  const errors: string[] = [];
  const emitted: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(entity, location, r => emitted.push(r));
  for (const r of emitted)
    if (r.type === 'error') errors.push((r as { error: Error }).error.message);
  return errors;
}

describe('StagecraftEntitiesProcessor (properties)', () => {
  jest.setTimeout(60_000);

  it('refuses random and hostile entities with a reason, never a crash or an unreadable message', async () => {
    await fc.assert(
      fc.asyncProperty(catalogArbitrary('anywhere'), async entities => {
        const processor = processorOver(entities);
        for (const entity of entities) {
          const errors = await processingErrors(processor, entity);
          expect(errors.filter(m => !m.trim() || CRASH.test(m))).toEqual([]);
        }
      }),
      options,
    );
  });
});
