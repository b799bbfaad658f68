import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import {
  InventoryEntry,
  inventoryOf,
  staleEntries,
} from '../inventory/inventory';
import { Change } from './ChangeSet';
import { EmptySetError } from './errors';
import { ServerSideApplier } from './ServerSideApplier';

/**
 * One reconcile of a deployment's objects: apply the new set, record its inventory, prune
 * what the previous inventory had and the new one lacks. Returns the change set and the new
 * inventory to store. An empty set never prunes a non-empty inventory unless `undeploy` says so.
 */
export async function applySet(o: {
  applier: ServerSideApplier;
  manifests: Manifest[];
  previous: InventoryEntry[];
  undeploy?: boolean;
}): Promise<{ changes: Change[]; inventory: InventoryEntry[] }> {
  if (o.manifests.length === 0 && o.previous.length > 0 && !o.undeploy) {
    throw new EmptySetError(o.previous.length);
  }

  // Apply everything first: a failed apply must not have pruned anything.
  const applied = await o.applier.applyAll(o.manifests);

  // The new inventory is what was just applied.
  const inventory = inventoryOf(o.manifests);

  // Prune only what the previous inventory held and the new one does not.
  const pruned = await o.applier.prune(staleEntries(o.previous, inventory));

  return { changes: [...applied, ...pruned], inventory };
}
