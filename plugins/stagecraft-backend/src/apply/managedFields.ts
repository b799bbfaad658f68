import { KubernetesObject } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { FieldDiff, FieldPath, fieldDiff, isMap } from './liveDiff';

/**
 * The fields our field manager still owns on the live object but `desired` no longer sets.
 *
 * {@link diffAgainstLive} is a subset check, so on its own it cannot see a field we stopped
 * setting (a label, a ConfigMap key, a container's `command`): the live object still has it.
 * Server-side apply removes such fields, so skipping the apply would keep them for ever. The
 * object's `managedFields` say which fields our last apply set; any of them missing from
 * `desired` means the object needs an apply. Entries are reported with the live value only.
 */
export function fieldsNoLongerSet(
  desired: Manifest,
  live: KubernetesObject,
  fieldManager: string,
): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const owned of appliedFields(live, fieldManager)) {
    walk(owned, desired, live, [], diffs);
  }
  return diffs;
}

/**
 * The `fieldsV1` sets of the field manager's applies to the object itself (not its
 * subresources); empty when it never applied the object.
 */
export function appliedFields(
  live: KubernetesObject,
  fieldManager: string,
): Record<string, unknown>[] {
  return (live.metadata?.managedFields ?? [])
    .filter(
      entry =>
        entry.manager === fieldManager &&
        entry.operation === 'Apply' &&
        !entry.subresource,
    )
    .map(entry => entry.fieldsV1)
    .filter(isMap);
}

/**
 * Walks one level of a `fieldsV1` set (structured-merge-diff's format): `f:<name>` is a field,
 * `k:<json>` a list element by its keys, `v:<json>` a set element by value, `.` the node itself.
 */
function walk(
  owned: Record<string, unknown>,
  desired: unknown,
  live: unknown,
  path: FieldPath,
  diffs: FieldDiff[],
): void {
  for (const [entry, children] of Object.entries(owned)) {
    const step = locate(entry, desired, live);
    if (!step) continue;
    const at = [...path, step.segment];
    if (step.desired === undefined) {
      diffs.push(fieldDiff(at, undefined, step.live));
    } else if (isMap(children)) {
      walk(children, step.desired, step.live, at, diffs);
    }
  }
}

type Step = { segment: string | number; desired: unknown; live: unknown };

/** Finds an owned entry on both sides; `undefined` when it cannot be placed in `live`. */
function locate(
  entry: string,
  desired: unknown,
  live: unknown,
): Step | undefined {
  const separator = entry.indexOf(':');
  const prefix = entry.slice(0, separator);
  const rest = entry.slice(separator + 1);
  if (prefix === 'f') {
    const liveValue = isMap(live) ? live[rest] : undefined;
    if (liveValue === undefined) return undefined;
    return {
      segment: rest,
      desired: isMap(desired) ? desired[rest] : undefined,
      live: liveValue,
    };
  }
  if (prefix === 'k' || prefix === 'v') {
    const matches = elementMatcher(prefix, JSON.parse(rest));
    const index = Array.isArray(live) ? live.findIndex(matches) : -1;
    if (index < 0) return undefined;
    return {
      segment: index,
      desired: Array.isArray(desired) ? desired.find(matches) : undefined,
      live: (live as unknown[])[index],
    };
  }
  // `.` (the node itself) and `i:` (positions in atomic lists) name no field of their own.
  return undefined;
}

/**
 * Matches a list element by its keys, or a set element by value. A key field that desired
 * leaves out matches any value, because the server fills in defaults (a port's `protocol`)
 * before it records the keys.
 */
export function elementMatcher(prefix: 'k' | 'v', value: unknown) {
  if (prefix === 'v') return (element: unknown) => element === value;
  const keys = Object.entries(value as Record<string, unknown>);
  return (element: unknown) =>
    isMap(element) &&
    keys.every(([k, v]) => element[k] === undefined || element[k] === v);
}
