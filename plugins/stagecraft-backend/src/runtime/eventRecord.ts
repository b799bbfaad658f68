import { KubernetesObject } from '@kubernetes/client-node';
import type { RuntimeEvent } from '@stagecraft/plugin-stagecraft-common';
import { OwnerRef } from './ownerRecord';

/** What the runtime cache keeps of a Kubernetes event: the event as the API shows it, and its subject. */
export interface EventRecord extends RuntimeEvent {
  involved: OwnerRef;
}

/** A core/v1 Event as the API server's JSON spells it; newer reporters fill `series` and `eventTime`. */
interface RawEvent extends KubernetesObject {
  involvedObject?: { kind?: string; name?: string };
  type?: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
  series?: { count?: number; lastObservedTime?: string };
}

/** Reduces an event from a watch to the {@link EventRecord} the cache keeps. */
export function eventRecord(object: KubernetesObject): EventRecord {
  const event = object as RawEvent;
  const involved = {
    kind: event.involvedObject?.kind ?? '',
    name: event.involvedObject?.name ?? '',
  };
  return {
    involved,
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    object: `${involved.kind} ${involved.name}`,
    count: event.count ?? event.series?.count ?? 1,
    lastSeen:
      event.lastTimestamp ??
      event.series?.lastObservedTime ??
      event.eventTime ??
      // Raw JSON: a string, whatever client-node's model type says.
      (event.metadata?.creationTimestamp as string | undefined),
  };
}

/** The objects of one deployment in one namespace, as events name their subjects. */
export interface DeploymentSubjects {
  /** `Kind/name` of every object: the inventory, the owners (ReplicaSets, Jobs) and live pods. */
  objects: Set<string>;
  /**
   * Name prefixes of the deployment's pods, gone ones included: controllers name pods
   * `<owner>-<suffix>`, and the owner's name carries a hash, so `<ReplicaSet name>-` cannot
   * match another deployment's pods. Events about a pod outlive it; they say why it went.
   */
  podPrefixes: string[];
}

const timeOf = (event: RuntimeEvent) =>
  event.lastSeen ? Date.parse(event.lastSeen) : 0;

/** Sort order of events: most recently seen first. */
export const byMostRecent = (a: RuntimeEvent, b: RuntimeEvent) =>
  timeOf(b) - timeOf(a);

/** Most recent first; a page shows what is happening now, not the hour before. */
const MAX_EVENTS = 100;

/** The events about a deployment's objects, most recent first, without the cache's bookkeeping. */
export function eventsAbout(
  events: EventRecord[],
  subjects: DeploymentSubjects,
): RuntimeEvent[] {
  const about = (e: EventRecord) =>
    subjects.objects.has(`${e.involved.kind}/${e.involved.name}`) ||
    (e.involved.kind === 'Pod' &&
      subjects.podPrefixes.some(prefix => e.involved.name.startsWith(prefix)));
  return events
    .filter(about)
    .sort(byMostRecent)
    .slice(0, MAX_EVENTS)
    .map(({ involved: _, ...event }) => event);
}
