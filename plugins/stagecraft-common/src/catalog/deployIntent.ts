import { Entity } from '@backstage/catalog-model';

/**
 * Whether an entity is a Component with Stagecraft deploy intent (`spec.deploy`, whatever its
 * value: an invalid intent is still intent, which validation and the compiler report). Only such
 * components are compiled, deployed, promoted and drawn as deployable.
 *
 * @public
 */
export function hasDeployIntent(entity: Entity): boolean {
  return (
    entity.kind === 'Component' &&
    (entity.spec as { deploy?: unknown } | undefined)?.deploy !== undefined
  );
}
