import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import type { StagecraftEntitiesProcessor } from '../StagecraftEntitiesProcessor';

const location = { type: 'file', target: '/catalog/catalog-info.yaml' };

/** The messages of the processing errors the processor emits for `entity`. */
export async function errorsOf(
  processor: StagecraftEntitiesProcessor,
  entity: Entity,
): Promise<string[]> {
  const emitted: CatalogProcessorResult[] = [];
  await processor.postProcessEntity(entity, location, r => emitted.push(r));
  return emitted.flatMap(r =>
    r.type === 'error' ? [(r as { error: Error }).error.message] : [],
  );
}
