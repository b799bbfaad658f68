import { createHash } from 'node:crypto';
import { canonicalJson } from '@stagecraft/plugin-stagecraft-node';

/**
 * Content hashes of catalog entities, each object hashed once: the catalog reader keeps the
 * platform and a project's components for its cache period and nothing changes them (the
 * compiler leaves its input untouched), so an object met again costs a lookup.
 *
 * The entity being processed and the catalog's copy of it must hash alike for a project's
 * components to share one compile ({@link EnvironmentCompileMemo}), so the hash is of the
 * content: keys in any order (the catalog hands the processor an entity with `metadata` first;
 * `compileView` rebuilds the catalog's copies with `apiVersion` first), and without
 * `metadata.uid`, which the compiler never reads and the entity being processed does not have
 * yet.
 */
export class EntityHashes {
  private readonly hashes = new WeakMap<object, string>();

  of(entity: object): string {
    let hash = this.hashes.get(entity);
    if (!hash) {
      hash = createHash('sha256')
        .update(canonicalJson(withoutUid(entity)))
        .digest('hex');
      this.hashes.set(entity, hash);
    }
    return hash;
  }
}

function withoutUid(entity: object): object {
  const { metadata } = entity as { metadata?: unknown };
  if (!metadata || typeof metadata !== 'object' || !('uid' in metadata))
    return entity;
  const { uid: _uid, ...rest } = metadata as Record<string, unknown>;
  return { ...entity, metadata: rest };
}
