import { KubernetesObject } from '@kubernetes/client-node';
import { WatchedKind } from '../kube/watchedKinds';
import {
  ManagedObjectEvent,
  ManagedObjectEventType,
} from './ManagedObjectEvent';

/**
 * What the watcher remembers of one kind: `namespace/name` → resourceVersion. Enough to tell
 * after a relist what changed while no watch was open, at a fraction of the memory of a full
 * object cache.
 */
export type ResourceVersions = ReadonlyMap<string, string>;

/** `namespace/name` (`/name` for cluster-scoped objects). */
export function objectKey(object: KubernetesObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

/** List items come without apiVersion and kind; events must always carry them. */
export function withTypeMeta(
  kind: WatchedKind,
  object: KubernetesObject,
): KubernetesObject {
  return { ...object, apiVersion: kind.apiVersion, kind: kind.kind };
}

/**
 * Compares a fresh list with what was known before it and returns the events that explain the
 * difference: ADDED for new objects, MODIFIED for objects whose resourceVersion changed and
 * DELETED for objects that vanished. With nothing known (the first list) every object is ADDED.
 */
export function relistEvents(
  kind: WatchedKind,
  known: ResourceVersions,
  items: readonly KubernetesObject[],
): { events: ManagedObjectEvent[]; versions: Map<string, string> } {
  const events: ManagedObjectEvent[] = [];
  const versions = new Map<string, string>();
  for (const item of items) {
    const key = objectKey(item);
    const version = item.metadata?.resourceVersion ?? '';
    versions.set(key, version);
    const before = known.get(key);
    if (before === version) continue;
    events.push({
      type:
        before === undefined
          ? ManagedObjectEventType.Added
          : ManagedObjectEventType.Modified,
      object: withTypeMeta(kind, item),
    });
  }
  for (const [key, version] of known) {
    if (!versions.has(key)) {
      events.push({
        type: ManagedObjectEventType.Deleted,
        object: tombstone(kind, key, version),
      });
    }
  }
  return { events, versions };
}

function tombstone(
  kind: WatchedKind,
  key: string,
  resourceVersion: string,
): KubernetesObject {
  const [namespace, name] = key.split('/', 2);
  return {
    apiVersion: kind.apiVersion,
    kind: kind.kind,
    metadata: {
      ...(namespace ? { namespace } : {}),
      name,
      resourceVersion,
    },
  };
}
