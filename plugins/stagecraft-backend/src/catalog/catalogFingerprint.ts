import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';

/**
 * What tells two reads of the catalog apart: each entity's ref and etag (the catalog gives
 * every stored entity a new etag whenever it changes), or its whole JSON where there is no etag
 * (fakes in tests). Cheap at thousands of entities: no canonical serialisation.
 */
export function catalogFingerprint(entities: readonly Entity[]): string {
  const lines = entities.map(
    e => `${stringifyEntityRef(e)} ${e.metadata.etag ?? JSON.stringify(e)}`,
  );
  lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
