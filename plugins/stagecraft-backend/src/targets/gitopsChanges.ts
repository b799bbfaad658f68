import { loadYaml } from '@kubernetes/client-node';
import {
  Manifest,
  serializeManifests,
} from '@stagecraft/plugin-stagecraft-node';
import { Change, ChangeAction, formatRef } from '../apply/ChangeSet';
import {
  entryId,
  InventoryEntry,
  inventoryOf,
  staleEntries,
} from '../inventory/inventory';

/** One object of a component file as it is stored: its identity and its YAML document. */
interface StoredObject {
  entry: InventoryEntry;
  text: string;
}

/**
 * The objects of a component file, one per YAML document. The file is split on the document
 * separators `serializeManifests` writes, so each object's text can be compared byte for byte.
 */
export function storedObjects(
  text: string | undefined,
  path: string,
): StoredObject[] {
  if (text === undefined) return [];
  const documents = text.split(/^---\n/m).filter(d => d.trim() !== '');
  return documents.map(document => {
    try {
      return {
        entry: inventoryOf([loadYaml<Manifest>(document)])[0],
        text: document,
      };
    } catch (error) {
      throw new Error(`${path} cannot be read as Kubernetes objects`, {
        cause: error,
      });
    }
  });
}

/** Per object: created, configured or unchanged against the stored text; then the deleted. */
export function changesOf(
  before: StoredObject[],
  desired: Manifest[],
): Change[] {
  const stored = new Map(before.map(o => [entryId(o.entry), o.text]));
  const written = desired.map((manifest): Change => {
    const text = stored.get(entryId(inventoryOf([manifest])[0]));
    let action: ChangeAction = ChangeAction.Configured;
    if (text === undefined) action = ChangeAction.Created;
    else if (text === serializeManifests([manifest]))
      action = ChangeAction.Unchanged;
    return { ref: formatRef(manifest), action };
  });
  const deleted = staleEntries(
    before.map(o => o.entry),
    inventoryOf(desired),
  ).map(
    (entry): Change => ({
      ref: formatRef(entry),
      action: ChangeAction.Deleted,
    }),
  );
  return [...written, ...deleted];
}
