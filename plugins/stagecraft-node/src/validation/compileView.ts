import { Entity } from '@backstage/catalog-model';

/**
 * What a compile reads of a catalog entity, as `fields` for a catalog read. Not `relations` or
 * `status`: the catalog writes them afresh whenever a neighbour is processed (on PostgreSQL an
 * Environment's thousand incoming relations came back in a new order after most passes), and
 * the entity's `etag` changes with them. With them in its input the catalog processor's memo
 * missed on nearly every pass (at 1,000 components a third of a core at rest, recompiling
 * components that had not changed), and the control plane took every reordering for a catalog
 * change.
 *
 * @public
 */
export const COMPILE_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'];

/**
 * The entity as a compile reads it: {@link COMPILE_FIELDS} without `metadata.etag`, also when
 * the catalog ignored `fields`. Equal for two reads of an entity whose content did not change.
 *
 * @public
 */
export function compileView(entity: Entity): Entity {
  const { etag: _etag, ...metadata } = entity.metadata;
  return {
    apiVersion: entity.apiVersion,
    kind: entity.kind,
    metadata,
    ...(entity.spec !== undefined ? { spec: entity.spec } : {}),
  };
}
