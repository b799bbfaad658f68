import { KubernetesObject } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { diffAgainstLive, FieldDiff } from '../apply/liveDiff';
import { entryId, inventoryOf } from '../inventory/inventory';

/**
 * What this replica last applied, object by object, so a watch event can be judged locally:
 * only an event whose object differs from what we set (or that deletes it) is drift worth a
 * reconcile. Status updates and our own applies cost no request.
 */
export class DesiredObjects {
  private readonly byObject = new Map<
    string,
    { key: string; manifest: Manifest }
  >();
  private readonly byKey = new Map<string, string[]>();

  /** Replaces what a deployment desires (after a successful reconcile). */
  set(key: string, manifests: Manifest[]): void {
    this.delete(key);
    const ids = inventoryOf(manifests).map(entryId);
    manifests.forEach(manifest => {
      const [entry] = inventoryOf([manifest]);
      this.byObject.set(entryId(entry), { key, manifest });
    });
    this.byKey.set(key, ids);
  }

  delete(key: string): void {
    for (const id of this.byKey.get(key) ?? []) this.byObject.delete(id);
    this.byKey.delete(key);
  }

  /**
   * The deployment an event concerns and what drifted; undefined when the object is not ours
   * or still matches.
   */
  judge(
    type: 'ADDED' | 'MODIFIED' | 'DELETED',
    object: KubernetesObject,
  ): { key: string; ref: string; diffs: FieldDiff[] } | undefined {
    if (!object.apiVersion || !object.kind || !object.metadata?.name)
      return undefined;
    const id = entryId({
      apiVersion: object.apiVersion,
      kind: object.kind,
      namespace: object.metadata.namespace,
      name: object.metadata.name,
    });
    const found = this.byObject.get(id);
    if (!found) return undefined;
    const ref = `${object.kind} ${
      object.metadata.namespace ? `${object.metadata.namespace}/` : ''
    }${object.metadata.name}`;
    if (type === 'DELETED')
      return {
        key: found.key,
        ref,
        diffs: [{ path: '(object)', desired: 'present', live: 'deleted' }],
      };
    const diffs = diffAgainstLive(found.manifest, object);
    return diffs.length > 0 ? { key: found.key, ref, diffs } : undefined;
  }
}
