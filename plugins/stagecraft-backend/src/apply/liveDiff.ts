import { KubernetesObject } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { quantitiesEqual } from './quantity';

/**
 * One field whose live value is not what we set. `desired` or `live` is absent when the
 * field is missing on that side.
 */
export interface FieldDiff {
  /** Where the field is, e.g. `spec.template.spec.containers[0].image` or `metadata.labels["app.kubernetes.io/name"]`. */
  path: string;
  desired?: unknown;
  live?: unknown;
}

/** A path as its segments: map keys and array indices. */
export type FieldPath = (string | number)[];

// Values under these keys are resource quantities, which the API server rewrites into a
// canonical spelling (`0.5` → `500m`). `sizeLimit` is emptyDir's.
const QUANTITY_KEYS = new Set([
  'resources',
  'requests',
  'limits',
  'hard',
  'sizeLimit',
]);

/** A JSON object: not an array, not null. */
export const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isAbsent = (v: unknown) => v === undefined || v === null;

const isEmpty = (v: unknown) =>
  Array.isArray(v)
    ? v.length === 0
    : isMap(v) && Object.values(v).every(x => x === undefined);

/**
 * The fields we set in `desired` that are missing or different in `live`.
 *
 * A subset check: the live object may have more (defaults, status, managedFields, labels and
 * annotations added by others); only what `desired` sets must be there and equal. Arrays
 * compare element by element and must have the same length. Known harmless normalisations
 * by the API server count as equal: quantity spellings, and an empty map or array that the
 * server leaves out. `status` is never compared.
 *
 * `live` must be JSON as the API server serves it (see `ObjectClient`), not client-node's typed
 * models, which rename some fields (NetworkPolicy's `from` is `_from` there).
 */
export function diffAgainstLive(
  desired: Manifest,
  live: KubernetesObject,
): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  const liveFields = live as Record<string, unknown>;
  for (const [key, value] of Object.entries(desired)) {
    if (key !== 'status') compare(value, liveFields[key], [key], diffs);
  }
  return diffs;
}

function compare(
  desired: unknown,
  live: unknown,
  path: FieldPath,
  diffs: FieldDiff[],
): void {
  if (desired === undefined) return;
  if (isAbsent(live) && (desired === null || isEmpty(desired))) return;
  if (Array.isArray(desired)) {
    if (!Array.isArray(live) || live.length !== desired.length) {
      diffs.push(fieldDiff(path, desired, live));
    } else {
      desired.forEach((d, i) => compare(d, live[i], [...path, i], diffs));
    }
  } else if (isMap(desired)) {
    if (!isMap(live)) {
      diffs.push(fieldDiff(path, desired, live));
    } else {
      for (const [key, value] of Object.entries(desired)) {
        compare(value, live[key], [...path, key], diffs);
      }
    }
  } else if (!scalarsEqual(desired, live, path)) {
    diffs.push(fieldDiff(path, desired, live));
  }
}

function scalarsEqual(desired: unknown, live: unknown, path: FieldPath) {
  if (desired === live) return true;
  const isQuantity = path.some(
    segment => typeof segment === 'string' && QUANTITY_KEYS.has(segment),
  );
  return isQuantity && quantitiesEqual(desired, live);
}

/** A diff entry that leaves out a side that is absent, so it reads (and compares) cleanly. */
export function fieldDiff(
  path: FieldPath,
  desired: unknown,
  live: unknown,
): FieldDiff {
  return {
    path: formatPath(path),
    ...(desired === undefined ? {} : { desired }),
    ...(live === undefined ? {} : { live }),
  };
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `spec.containers[0].image`; keys that are not identifiers in brackets: `labels["a.b/c"]`. */
export function formatPath(path: FieldPath): string {
  return path
    .map((segment, i) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (!IDENTIFIER.test(segment)) return `[${JSON.stringify(segment)}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join('');
}
