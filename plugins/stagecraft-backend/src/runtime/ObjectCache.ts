import { KubernetesObject } from '@kubernetes/client-node';
import { ManagedObjectEvent } from '../watch/ManagedObjectEvent';
import { objectKey } from '../watch/resourceVersions';

/** How an {@link ObjectCache} reduces and groups the objects it keeps. */
export interface ObjectCacheOptions<T> {
  /**
   * The part of an object the cache keeps. Whole objects would hold env values, annotations
   * and managed fields in memory for nothing; a projection keeps only what is read.
   */
  project(object: KubernetesObject): T;
  /** The group an object is found under (e.g. `namespace/component`); none leaves it ungrouped. */
  groupOf(object: KubernetesObject): string | undefined;
  /**
   * At most this many objects are kept; past it, the one least recently added or changed is
   * dropped. For kinds whose count the cluster does not bound for us: a storm of Events stays
   * in the API server for an hour (its event TTL), and a cache keeping them all grows with it.
   * Unset: every object is kept.
   */
  maxObjects?: number;
}

interface Entry<T> {
  item: T;
  namespace: string;
  group?: string;
}

/**
 * Objects of one kind, kept current from a watch's events, by `namespace/name` and by group.
 * Knows which namespaces hold objects, so the runtime cache can follow them with event watches.
 */
export class ObjectCache<T> {
  private readonly byKey = new Map<string, Entry<T>>();
  private readonly byGroup = new Map<string, Map<string, T>>();
  private readonly perNamespace = new Map<string, number>();

  constructor(private readonly options: ObjectCacheOptions<T>) {}

  /** Applies one watch event; a relist's synthetic DELETED carries the identity only. */
  apply(event: ManagedObjectEvent): void {
    const key = objectKey(event.object);
    this.remove(key);
    if (event.type === 'DELETED') return;
    const namespace = event.object.metadata?.namespace ?? '';
    const entry: Entry<T> = {
      item: this.options.project(event.object),
      namespace,
      group: this.options.groupOf(event.object),
    };
    this.byKey.set(key, entry);
    this.perNamespace.set(
      namespace,
      (this.perNamespace.get(namespace) ?? 0) + 1,
    );
    if (entry.group !== undefined) {
      const members = this.byGroup.get(entry.group) ?? new Map<string, T>();
      members.set(key, entry.item);
      this.byGroup.set(entry.group, members);
    }
    this.evictPastLimit();
  }

  get(namespace: string, name: string): T | undefined {
    return this.byKey.get(`${namespace}/${name}`)?.item;
  }

  /** The objects of a group, in no particular order. */
  inGroup(group: string): T[] {
    return [...(this.byGroup.get(group)?.values() ?? [])];
  }

  /** Every object, in no particular order. */
  all(): T[] {
    return [...this.byKey.values()].map(entry => entry.item);
  }

  /** The namespaces that hold at least one object. */
  namespaces(): string[] {
    return [...this.perNamespace.keys()];
  }

  /**
   * Drops the oldest entry once the cache holds more than `maxObjects`. Maps iterate in
   * insertion order and {@link apply} re-inserts what changes, so the first key is the one
   * least recently added or changed.
   */
  private evictPastLimit(): void {
    const max = this.options.maxObjects;
    if (max === undefined || this.byKey.size <= max) return;
    const oldest = this.byKey.keys().next().value;
    if (oldest !== undefined) this.remove(oldest);
  }

  private remove(key: string): void {
    const entry = this.byKey.get(key);
    if (!entry) return;
    this.byKey.delete(key);
    const left = (this.perNamespace.get(entry.namespace) ?? 1) - 1;
    if (left > 0) this.perNamespace.set(entry.namespace, left);
    else this.perNamespace.delete(entry.namespace);
    if (entry.group === undefined) return;
    const members = this.byGroup.get(entry.group);
    members?.delete(key);
    if (members?.size === 0) this.byGroup.delete(entry.group);
  }
}
