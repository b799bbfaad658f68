import { KubernetesObject } from '@kubernetes/client-node';
import { StagecraftLabel } from '@stagecraft/plugin-stagecraft-common';
import { WatchedKind } from '../kube/watchedKinds';
import { MANAGED_SCOPE } from '../kube/ResourceClient';
import { EventRecord, eventRecord } from './eventRecord';
import { OwnerRecord, ownerRecord, OwnerRef, ownerChain } from './ownerRecord';
import { PodRecord, podRecord } from './podRecord';
import { WatchedCache, WatchedCacheContext } from './WatchedCache';

const POD: WatchedKind = { apiVersion: 'v1', kind: 'Pod', plural: 'pods' };
const REPLICA_SET: WatchedKind = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  plural: 'replicasets',
};
const JOB: WatchedKind = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  plural: 'jobs',
};
const EVENT: WatchedKind = {
  apiVersion: 'v1',
  kind: 'Event',
  plural: 'events',
};

/** `namespace/component`: where a deployment's pods are found. */
const groupKey = (namespace: string, component: string) =>
  `${namespace}/${component}`;

function componentGroup(object: KubernetesObject): string | undefined {
  const component = object.metadata?.labels?.[StagecraftLabel.Component];
  return component
    ? groupKey(object.metadata?.namespace ?? '', component)
    : undefined;
}

/**
 * Events kept per namespace: the most recently added or changed. A runtime view shows the 100
 * most recent about one deployment; the API server keeps Events for an hour, so without a bound
 * a storm of them (a crash-looping pod, a controller retrying) would sit in memory that long,
 * and every runtime view of the namespace would sort through all of them.
 */
export const MAX_EVENTS_PER_NAMESPACE = 2000;

/** A pod with the chain of controllers above it. */
export type OwnedPod = PodRecord & { owners: OwnerRef[] };

/** What the cache holds about one component in one namespace. */
export interface ComponentObjects {
  pods: OwnedPod[];
  /** Its ReplicaSets and Jobs, old revisions included while they exist. */
  owners: OwnerRecord[];
  /** Every event in the namespace; {@link eventsAbout} picks the component's. */
  events: EventRecord[];
}

/**
 * What runs on one Kubernetes target, kept in memory from watches: managed Pods, ReplicaSets
 * and Jobs in every namespace (label selector), and the Events of every namespace that holds
 * one of them (Events carry no labels; they are matched to objects by `involvedObject`).
 *
 * @remarks
 * Event watches follow the namespaces: one starts when the first managed Pod, ReplicaSet or
 * Job appears in a namespace and stops when the last one is gone. ReplicaSets outlive their
 * pods (old revisions, a Deployment scaled to zero), so a failing rollout's events stay
 * visible while it has no pod at all. Each namespace keeps its {@link MAX_EVENTS_PER_NAMESPACE}
 * most recently changed events.
 */
export class RuntimeCache {
  private readonly pods: WatchedCache<PodRecord>;
  private readonly owners: WatchedCache<OwnerRecord>[];
  private readonly events = new Map<string, WatchedCache<EventRecord>>();
  /** Event watches of namespaces that emptied, still closing. */
  private readonly closing = new Set<Promise<void>>();
  private started?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly context: WatchedCacheContext,
    private readonly maxEventsPerNamespace = MAX_EVENTS_PER_NAMESPACE,
  ) {
    // Pods, ReplicaSets and Jobs carry the pod template's labels (the compiler puts managed-by
    // and component on the template; the Deployment and CronJob controllers copy them), so
    // the drift watches' selector finds all three.
    const onChange = () => this.followNamespaces();
    this.pods = new WatchedCache({
      kind: POD,
      scope: MANAGED_SCOPE,
      cache: { project: podRecord, groupOf: componentGroup },
      context,
      onChange,
    });
    this.owners = [REPLICA_SET, JOB].map(
      kind =>
        new WatchedCache({
          kind,
          scope: MANAGED_SCOPE,
          cache: { project: ownerRecord, groupOf: componentGroup },
          context,
          onChange,
        }),
    );
  }

  /** Starts the watches (once); resolves when pods and owners have listed or failed to. */
  start(): Promise<void> {
    this.started ??= Promise.all(
      [this.pods, ...this.owners].map(cache => cache.start()),
    ).then(() => undefined);
    return this.started;
  }

  /**
   * Starts the watches if need be and waits, at most `timeoutMs`, until pods, owners and the
   * events of `namespaces` have listed. True when the pods have: the cache can answer.
   */
  async ready(namespaces: string[], timeoutMs: number): Promise<boolean> {
    const listed = this.start().then(() =>
      Promise.all(namespaces.map(ns => this.events.get(ns)?.start())),
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>(resolve => {
      timer = setTimeout(resolve, timeoutMs);
    });
    await Promise.race([listed, timeout]);
    clearTimeout(timer);
    return this.pods.synced;
  }

  /** The pods, owners and namespace events of one component in one namespace. */
  objectsOf(namespace: string, component: string): ComponentObjects {
    const group = groupKey(namespace, component);
    const lookup = (owner: OwnerRef) =>
      this.owners
        .map(cache => cache.objects.get(namespace, owner.name))
        .find(found => found?.kind === owner.kind);
    return {
      pods: this.pods.objects.inGroup(group).map(pod => ({
        ...pod,
        owners: ownerChain(pod.controller, lookup),
      })),
      owners: this.owners.flatMap(cache => cache.objects.inGroup(group)),
      events: this.events.get(namespace)?.objects.all() ?? [],
    };
  }

  /** Stops every watch and resolves once their connections are closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    const caches = [this.pods, ...this.owners, ...this.events.values()];
    this.events.clear();
    await Promise.all([...caches.map(c => c.stop()), ...this.closing]);
  }

  /** Starts event watches in namespaces that gained managed objects, stops those that lost all. */
  private followNamespaces(): void {
    if (this.stopped) return;
    const wanted = new Set(
      [this.pods, ...this.owners].flatMap(cache => cache.objects.namespaces()),
    );
    for (const namespace of wanted) {
      if (this.events.has(namespace)) continue;
      const events = new WatchedCache({
        kind: EVENT,
        scope: { namespace },
        cache: {
          project: eventRecord,
          groupOf: () => undefined,
          maxObjects: this.maxEventsPerNamespace,
        },
        context: this.context,
      });
      this.events.set(namespace, events);
      void events.start();
    }
    for (const [namespace, events] of this.events) {
      if (wanted.has(namespace)) continue;
      this.events.delete(namespace);
      const closed = events.stop();
      this.closing.add(closed);
      void closed.then(() => this.closing.delete(closed));
    }
  }
}
