import { Entity } from '@backstage/catalog-model';
import { STAGECRAFT_API_VERSION, StagecraftKind } from '../constants';
import { stagecraftSpecSchemas } from '../kinds';

/**
 * Whether an entity is one of Stagecraft's kinds: the kind name and Stagecraft's apiVersion
 * together, since another plugin may define an `Endpoint` or `Environment` of its own.
 *
 * @public
 */
export function isStagecraftEntity(
  entity: Entity,
  kind: StagecraftKind,
): boolean {
  return entity.kind === kind && entity.apiVersion === STAGECRAFT_API_VERSION;
}

/**
 * A copy of a Stagecraft entity with its spec parsed by its kind's schema, so defaults
 * (`visibility: project`, `protocol: http`…) are filled in; any other entity, and an invalid
 * one, is returned as it is (validation reports it; whoever reads it skips it).
 *
 * @public
 */
export function withSpecDefaults(entity: Entity): Entity {
  if (entity.apiVersion !== STAGECRAFT_API_VERSION) return entity;
  const schema = stagecraftSpecSchemas[entity.kind as StagecraftKind];
  const result = schema?.safeParse(entity.spec ?? {});
  return result?.success
    ? { ...entity, spec: result.data as Entity['spec'] }
    : entity;
}
