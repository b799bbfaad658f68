import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';

/**
 * What tells two reads of the catalog apart: each entity as the control plane reads it
 * (`compileView`: no relations, status or etag, which change whenever a neighbour is
 * processed), in ref order. Cheap at thousands of entities: no canonical serialisation.
 */
export function catalogFingerprint(entities: readonly Entity[]): string {
  const lines = entities.map(
    e => `${stringifyEntityRef(e)} ${JSON.stringify(e)}`,
  );
  lines.sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}
