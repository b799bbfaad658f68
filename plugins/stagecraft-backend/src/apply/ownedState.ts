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

/** A desired object as the body of its requests, and the digest of that. */
export interface SerialisedManifest {
  json: string;
  digest: string;
}

/** Digests by object: 16 characters each, kept as long as the object (not its JSON). */
const digests = new WeakMap<Manifest, string>();

/**
 * A desired object serialised for its requests, with its digest. The digest is kept for the
 * object's lifetime, so `manifestDigest` of an object the applier has seen serialises nothing:
 * the steady state's record after an apply took a third `JSON.stringify` of every object of a
 * converge (its dry run, its apply and its digest each took one before).
 */
export function serialiseManifest(manifest: Manifest): SerialisedManifest {
  const json = JSON.stringify(manifest);
  const found = { json, digest: digest(json) };
  digests.set(manifest, found.digest);
  return found;
}

/** The digest of a desired object as the applier is given it; nothing changes it once compiled. */
export function manifestDigest(manifest: Manifest): string {
  return digests.get(manifest) ?? serialiseManifest(manifest).digest;
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
