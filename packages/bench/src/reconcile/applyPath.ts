import { managedKind, Manifest } from '@stagecraft/plugin-stagecraft-node';
import { FIELD_VALIDATION } from '@stagecraft/plugin-stagecraft-backend/src/kube/ObjectClient';
import { collectionPath } from '@stagecraft/plugin-stagecraft-backend/src/kube/watchedKinds';

/**
 * The URL path and query of a forced server-side apply of `object` (a PATCH of its own URL),
 * e.g. `/apis/apps/v1/namespaces/p0-dev/deployments/svc-0?fieldManager=bench&force=true&fieldValidation=Ignore`.
 * The plural comes from the table of managed kinds, as the watches' paths do: a client that
 * asked discovery would spend requests the ideal client is meant not to make. Throws for a
 * kind the table does not list (the bench renders only managed kinds).
 */
export function serverSideApplyPath(
  object: Pick<Manifest, 'apiVersion' | 'kind' | 'metadata'>,
  fieldManager: string,
): string {
  const row = managedKind(object.kind);
  if (!row) throw new Error(`${object.kind} is not a managed kind`);
  const collection = collectionPath(
    { apiVersion: object.apiVersion, kind: object.kind, plural: row.plural },
    row.namespaced ? object.metadata.namespace : undefined,
  );
  // As the control plane sends its applies, so the floor is the floor of its requests.
  const query = new URLSearchParams({
    fieldManager,
    force: 'true',
    fieldValidation: FIELD_VALIDATION,
  });
  return `${collection}/${encodeURIComponent(object.metadata.name)}?${query}`;
}
