import { Entity } from '@backstage/catalog-model';
import { CatalogProcessor } from '@backstage/plugin-catalog-node';
import {
  STAGECRAFT_API_VERSION,
  validateEntity,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * Claims the kinds under `stagecraft.dev/v1alpha1` for the catalog and rejects invalid ones
 * with a processing error that names the field and the reason.
 *
 * @public
 */
export class StagecraftEntitiesProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'StagecraftEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (entity.apiVersion !== STAGECRAFT_API_VERSION) {
      return false;
    }
    const problems = await validateEntity({
      source: 'catalog',
      index: 0,
      value: entity as unknown as Record<string, unknown>,
    });
    if (problems.length > 0) {
      // The catalog shows this message as the entity's processing error.
      throw new TypeError(
        problems
          .map(p => (p.path ? `${p.path}: ${p.message}` : p.message))
          .join('; '),
      );
    }
    return true;
  }
}
