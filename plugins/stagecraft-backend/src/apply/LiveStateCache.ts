import { KubernetesObject } from '@kubernetes/client-node';
import { apiGroupOf, Manifest } from '@stagecraft/plugin-stagecraft-node';
import { entryId, InventoryEntry } from '../inventory/inventory';
import { isUpToDate, ownedDigest } from './ownedState';

/** What the cache can say about one desired object without asking the API server. */
export type Recall = 'up-to-date' | 'absent' | 'unknown';

/** A watch event, as the drift watches deliver it. */
export interface ObservedEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: KubernetesObject;
}

/** Where the cache's view of the cluster comes from: the drift watches of one cluster. */
export interface LiveStateSource {
  /** The kinds it lists and watches (every managed object of them is seen). */
  kinds: readonly { apiVersion: string; kind: string }[];
  /** True while every kind has been listed and its watch is current. */
  current(): boolean;
}

/** What the applier found up to date: desired digest, owned digest and the version then. */
interface Verdict {
  manifest: string;
  owned: string;
  resourceVersion: string;
}

/** One object: the last state the watch delivered, and the applier's last verdict. */
interface Entry {
  resourceVersion?: string;
  owned?: string;
  verdict?: Verdict;
}

const kindId = (apiVersion: string, kind: string) =>
  `${apiGroupOf(apiVersion)}/${kind}`;

const kindOf = (o: { apiVersion: string; kind: string }) =>
  kindId(o.apiVersion, o.kind);

function idOf(o: KubernetesObject): string {
  return entryId({
    apiVersion: o.apiVersion ?? '',
    kind: o.kind ?? '',
    namespace: o.metadata?.namespace,
    name: o.metadata?.name ?? '',
  });
}

/**
 * The state of the managed objects of one cluster as its drift watches see it, reduced to what
 * the applier compares (resourceVersion and a digest of the fields we own, see `ownedDigest`),
 * so that a resync at rest is answered without a request: an object whose owned fields are
 * those the applier last found (or made) up to date with the same desired object needs nothing.
 *
 * It answers only while its source is current (listed, watching); before the first list, after
 * `stop()`, while a watch fails and for kinds it does not watch, it says `unknown` and the
 * applier reads the object. An apply whose watch event has not arrived yet is `unknown` too,
 * never `absent` nor `up-to-date`, so a lagging watch costs a read, never a second write.
 */
export class LiveStateCache {
  private readonly entries = new Map<string, Entry>();
  private source?: LiveStateSource;
  private kinds = new Set<string>();

  constructor(private readonly fieldManager: string) {}

  /** Starts answering from `source` (the watcher calls this when it starts). */
  attach(source: LiveStateSource): void {
    this.source = source;
    this.kinds = new Set(source.kinds.map(k => kindId(k.apiVersion, k.kind)));
  }

  /** A list item or watch event, in the order the watch delivers them. */
  observe(event: ObservedEvent): void {
    const { object } = event;
    if (!object.apiVersion || !object.kind || !object.metadata?.name) return;
    const id = idOf(object);
    const version = object.metadata.resourceVersion;
    const entry = this.entries.get(id);
    if (entry?.resourceVersion && olderThan(version, entry.resourceVersion))
      return;
    if (event.type === 'DELETED') {
      // Our own apply may have recreated it since: keep that verdict (unknown until seen).
      if (entry?.verdict && olderThan(version, entry.verdict.resourceVersion))
        this.entries.set(id, { verdict: entry.verdict });
      else this.entries.delete(id);
      return;
    }
    // Our own apply's answer was this very version: its digest is known (a second digest of
    // every object a converge writes cost as much as the first).
    const owned =
      version !== undefined && entry?.verdict?.resourceVersion === version
        ? entry.verdict.owned
        : ownedDigest(object, this.fieldManager);
    this.entries.set(id, {
      resourceVersion: version,
      owned,
      verdict: entry?.verdict,
    });
  }

  /** What is known of `desired` (whose `manifestDigest` is `manifest`) without a request. */
  recall(desired: Manifest, manifest: string): Recall {
    if (!this.source?.current() || !this.kinds.has(kindOf(desired)))
      return 'unknown';
    const entry = this.entries.get(idOf(desired));
    if (!entry) return 'absent';
    const { verdict, owned, resourceVersion } = entry;
    if (
      verdict?.manifest === manifest &&
      owned !== undefined &&
      verdict.owned === owned &&
      !olderThan(resourceVersion, verdict.resourceVersion)
    )
      return 'up-to-date';
    return 'unknown';
  }

  /**
   * The applier read or wrote `desired` (digest `manifest`) and the server answered `live`:
   * remembered as a verdict when `live` is up to date with it, else any verdict is dropped.
   */
  remember(desired: Manifest, manifest: string, live: KubernetesObject): void {
    const id = idOf(desired);
    const entry = this.entries.get(id) ?? {};
    const owned = ownedDigest(live, this.fieldManager);
    const resourceVersion = live.metadata?.resourceVersion;
    const upToDate =
      owned !== undefined &&
      resourceVersion !== undefined &&
      isUpToDate(desired, live, this.fieldManager);
    this.entries.set(id, {
      ...entry,
      verdict: upToDate ? { manifest, owned, resourceVersion } : undefined,
    });
  }

  /**
   * The newest resourceVersion known of `object` without a request: what the watch delivered
   * or, newer, what our own apply answered. Undefined while the watches are not current, for a
   * kind they do not watch, or an object they have not seen.
   */
  versionOf(object: InventoryEntry): string | undefined {
    if (!this.source?.current() || !this.kinds.has(kindOf(object)))
      return undefined;
    const entry = this.entries.get(entryId(object));
    if (!entry?.resourceVersion) return undefined;
    const applied = entry.verdict?.resourceVersion;
    return olderThan(entry.resourceVersion, applied)
      ? applied
      : entry.resourceVersion;
  }

  /** We deleted the object: nothing remembered of it may say it is still there. */
  forget(object: InventoryEntry): void {
    this.entries.delete(entryId(object));
  }

  /** Objects held, for tests and memory reports. */
  get size(): number {
    return this.entries.size;
  }
}

/**
 * `a` is an older resourceVersion than `b`. Versions are opaque to clients, but the API server
 * serves etcd revisions: decimal integers. Anything else is never called older, so an event is
 * taken as it comes.
 */
export function olderThan(a: string | undefined, b: string | undefined) {
  if (!a || !b || !/^\d+$/.test(a) || !/^\d+$/.test(b)) return false;
  return a.length < b.length || (a.length === b.length && a < b);
}
