import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  STAGECRAFT_API_VERSION,
  validateDeployIntent,
  validateEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { stagecraftRelations } from './relations';

/**
 * Claims the kinds under `stagecraft.dev/v1alpha1`, validates them and the deploy intent on
 * Components, and emits their relations in both directions. Every invalid entity gets a
 * processing error naming the field and the reason.
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

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (entity.kind === 'Component') {
      const problems = validateDeployIntent(entity, location.target, '');
      for (const p of problems) {
        emit(processingResult.inputError(location, `${p.path}: ${p.message}`));
      }
    }
    const self = getCompoundEntityRef(entity);
    for (const { type, target, reverse } of stagecraftRelations(entity)) {
      emit(processingResult.relation({ source: self, type, target }));
      emit(
        processingResult.relation({
          source: target,
          type: reverse,
          target: self,
        }),
      );
    }
    return entity;
  }
}
