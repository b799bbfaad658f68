import { stringify } from 'yaml';
import { Manifest } from './types';

/**
 * Multi-document YAML with map keys sorted, so identical manifests are byte-identical however
 * they were built; shared objects are written out in full (no YAML anchors), as kubectl
 * users expect.
 */
export function serializeManifests(manifests: Manifest[]): string {
  return manifests
    .map(m =>
      stringify(m, {
        sortMapEntries: true,
        lineWidth: 0,
        aliasDuplicateObjects: false,
      }),
    )
    .join('---\n');
}
