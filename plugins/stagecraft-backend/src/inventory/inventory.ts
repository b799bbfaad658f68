import {
  apiGroupOf,
  compareApplyOrder,
} from '@stagecraft/plugin-stagecraft-node';

/**
 * What a deployment applied, as stable IDs: the set it may later prune from. Pure functions,
 * in the manner of Flux's kustomize-controller inventory.
 */

/** One object of an inventory. */
export interface InventoryEntry {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** `<namespace>_<name>_<group>_<kind>`: the version is not part of the identity. */
export function entryId(entry: InventoryEntry): string {
  const group = apiGroupOf(entry.apiVersion);
  return `${entry.namespace ?? ''}_${entry.name}_${group}_${entry.kind}`;
}

/** The inventory of a set of objects, sorted by ID. */
export function inventoryOf(
  objects: {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string };
  }[],
): InventoryEntry[] {
  const entries = objects.map(o => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.metadata.namespace,
    name: o.metadata.name,
  }));
  return entries.sort((a, b) => entryId(a).localeCompare(entryId(b)));
}

/** The same entries in the same order (inventories are kept sorted by ID). */
export function sameInventory(
  a: InventoryEntry[],
  b: InventoryEntry[],
): boolean {
  return (
    a.length === b.length &&
    a.every(
      (entry, i) =>
        entry.apiVersion === b[i].apiVersion &&
        entry.kind === b[i].kind &&
        entry.namespace === b[i].namespace &&
        entry.name === b[i].name,
    )
  );
}

/**
 * Entries of `previous` that `next` no longer has: candidates for pruning, in reverse apply
 * order (routes before workloads, workloads before the Services, configuration and policies
 * they use, Namespaces last) so nothing is left referring to what is gone; by ID within a kind.
 */
export function staleEntries(
  previous: InventoryEntry[],
  next: InventoryEntry[],
): InventoryEntry[] {
  const keep = new Set(next.map(entryId));
  const stale = previous.filter(e => !keep.has(entryId(e)));
  return stale.sort(
    (a, b) =>
      compareApplyOrder(b.kind, a.kind) || entryId(a).localeCompare(entryId(b)),
  );
}
