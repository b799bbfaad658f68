import { KubernetesObject } from '@kubernetes/client-node';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { createHash } from 'node:crypto';
import { diffAgainstLive, isMap } from './liveDiff';
import {
  appliedFields,
  elementMatcher,
  fieldsNoLongerSet,
} from './managedFields';

/** A short, stable digest: 96 bits of SHA-1, enough to tell two states apart, 16 characters. */
export function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64').slice(0, 16);
}

/** The digest of a desired object as the applier is given it. */
export function manifestDigest(manifest: Manifest): string {
  return digest(JSON.stringify(manifest));
}

/**
 * The digest of what our field manager owns on a live object: the `fieldsV1` sets of its
 * applies and the live value at every owned leaf. Undefined when it never applied the object.
 *
 * Whether an object needs an apply ({@link isUpToDate}) depends only on the desired object and
 * these: `diffAgainstLive` checks fields we set, which we own after a forced apply (a field
 * someone else changes stops being ours, so the owned sets change), and `fieldsNoLongerSet`
 * reads only the owned sets. So two states with the same digest get the same verdict, and a
 * cache can keep 16 characters per object instead of the object. Status, and fields only other
 * managers own, are left out: a change to them never makes us apply (nor does an element someone
 * else adds to a list we set, which an apply would not remove either).
 */
export function ownedDigest(
  live: KubernetesObject,
  fieldManager: string,
): string | undefined {
  const owned = appliedFields(live, fieldManager);
  if (owned.length === 0) return undefined;
  const values: unknown[] = [];
  for (const set of owned) collectOwned(set, live, values);
  const { apiVersion, kind, metadata } = live;
  const identity = [apiVersion, kind, metadata?.namespace, metadata?.name];
  return digest(JSON.stringify([identity, owned, values]));
}

/**
 * The comparison the applier makes before it skips an object: it exists, we applied it, it has
 * every field we set and keeps none we stopped setting.
 */
export function isUpToDate(
  desired: Manifest,
  live: KubernetesObject,
  fieldManager: string,
): boolean {
  return (
    appliedFields(live, fieldManager).length > 0 &&
    diffAgainstLive(desired, live).length === 0 &&
    fieldsNoLongerSet(desired, live, fieldManager).length === 0
  );
}

/** Pushes the live value of every owned leaf, in the owned set's order (null when absent). */
function collectOwned(
  owned: Record<string, unknown>,
  live: unknown,
  out: unknown[],
): void {
  for (const [entry, children] of Object.entries(owned)) {
    if (entry === '.') continue;
    const value = liveAt(entry, live);
    if (isMap(children) && Object.keys(children).some(k => k !== '.'))
      collectOwned(children, value, out);
    else out.push(value ?? null);
  }
}

/** The live value an owned entry names: `f:<field>`, `k:<keys>` or `v:<value>`. */
function liveAt(entry: string, live: unknown): unknown {
  const separator = entry.indexOf(':');
  const prefix = entry.slice(0, separator);
  const rest = entry.slice(separator + 1);
  if (prefix === 'f') return isMap(live) ? live[rest] : undefined;
  if ((prefix === 'k' || prefix === 'v') && Array.isArray(live))
    return live.find(elementMatcher(prefix, JSON.parse(rest)));
  return undefined;
}
