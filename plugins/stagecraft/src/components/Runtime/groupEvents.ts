import type { RuntimeEvent } from '@stagecraft/plugin-stagecraft-common';

/** Events last seen longer ago than this are history, not the current state. */
export const STALE_EVENT_MS = 10 * 60_000;

/** One row of the Events table: every event of the same type and reason about one object. */
export interface EventGroup {
  type: RuntimeEvent['type'];
  reason: string;
  object: string;
  /** The newest event's message. */
  message: string;
  count: number;
  lastSeen?: string;
}

/**
 * Groups the events by type, reason and object (a recurring autoscaler warning is one row with
 * its total count, not one per Event object) and splits off those not seen for
 * {@link STALE_EVENT_MS}: a warning from an hour ago should not read like a current problem.
 * Both lists are newest first; events without a time count as stale.
 */
export function groupEvents(
  events: RuntimeEvent[],
  now: number,
): { current: EventGroup[]; stale: EventGroup[] } {
  const groups = new Map<string, EventGroup>();
  for (const event of events) {
    const key = JSON.stringify([event.type, event.reason, event.object]);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { ...event });
      continue;
    }
    group.count += event.count;
    if ((event.lastSeen ?? '') > (group.lastSeen ?? '')) {
      group.lastSeen = event.lastSeen;
      group.message = event.message;
    }
  }
  const newestFirst = [...groups.values()].sort((a, b) =>
    (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''),
  );
  const isCurrent = (group: EventGroup) =>
    group.lastSeen !== undefined &&
    now - Date.parse(group.lastSeen) < STALE_EVENT_MS;
  return {
    current: newestFirst.filter(isCurrent),
    stale: newestFirst.filter(group => !isCurrent(group)),
  };
}
