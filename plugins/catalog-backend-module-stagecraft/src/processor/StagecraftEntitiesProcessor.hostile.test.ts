import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { StagecraftEntitiesProcessor } from './StagecraftEntitiesProcessor';
import { component } from './__testUtils__/stagecraftCatalog';

/** Cases the property test (StagecraftEntitiesProcessor.property.test.ts) found. */

const location = { type: 'file', target: '/catalog/catalog-info.yaml' };

async function postProcess(entity: Entity) {
  const emitted: CatalogProcessorResult[] = [];
  await new StagecraftEntitiesProcessor().postProcessEntity(
    entity,
    location,
    r => emitted.push(r),
  );
  return emitted;
}

const errorsOf = (emitted: CatalogProcessorResult[]) =>
  emitted.flatMap(r =>
    r.type === 'error' ? [(r as { error: Error }).error.message] : [],
  );

describe('StagecraftEntitiesProcessor on hostile entities', () => {
  it('refuses deploy parameters nested thousands of levels deep with the field, instead of overflowing the stack', async () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 5000; i++) deep = [deep];
    const emitted = await postProcess(
      component('api', 'shop', { parameters: { deep } }),
    );
    expect(errorsOf(emitted)).toEqual([
      'spec.deploy.parameters.deep[0][0][0][0]…: nested more than 64 levels deep; flatten the value',
    ]);
  });

  it('emits no type relation for a deployable component whose spec.type is not a ref, instead of throwing', async () => {
    const emitted = await postProcess(
      component('api', 'shop', {}, { type: 'web:' }),
    );
    expect(emitted.filter(r => r.type === 'relation')).toEqual([]);
  });
});
