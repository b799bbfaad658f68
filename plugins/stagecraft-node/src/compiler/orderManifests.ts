import { compareApplyOrder } from '../managedKinds';
import { Manifest } from './types';

export const manifestKey = (m: Manifest) =>
  `${m.apiVersion}/${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;

/**
 * The manifests in apply order ({@link compareApplyOrder}); within a kind by namespace and
 * name, so output is deterministic.
 */
export function orderManifests(manifests: Manifest[]): Manifest[] {
  return [...manifests].sort(
    (a, b) =>
      compareApplyOrder(a.kind, b.kind) ||
      (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
      a.metadata.name.localeCompare(b.metadata.name),
  );
}
