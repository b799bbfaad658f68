import { Change, ChangeAction, formatRef } from '../apply/ChangeSet';
import { DeploymentStore } from '../database/DeploymentStore';
import { DriftRecord } from '../database/driftRecords';
import { InventoryEntry } from '../inventory/inventory';
import { DeploymentKey } from '../deployment/DeploymentKey';

/** Paths whose live values may hold what someone put there by hand: a token in an env var. */
const SENSITIVE_PATH = /(^|\.)(env|envFrom|data|stringData)(\[|\.|$)/;

/**
 * A drifted value as the drift API may show it: scalars as JSON; lists and objects only by
 * size, and nothing at all under env or data, because drift records are readable by everyone
 * who may read the component and hand edits can carry secrets.
 */
export function describeDriftValue(
  path: string,
  value: unknown,
): string | undefined {
  if (value === undefined) return undefined;
  if (SENSITIVE_PATH.test(path)) return '(not recorded)';
  if (Array.isArray(value)) return `(list of ${value.length})`;
  if (value !== null && typeof value === 'object')
    return `(object with ${Object.keys(value).length} fields)`;
  return JSON.stringify(value);
}

/**
 * Records what a steady-state reconcile had to correct: objects recreated after someone
 * deleted them, and fields someone changed. Called only when the desired set did not change
 * since the last apply, so every difference was made behind Stagecraft's back, but only on
 * objects of `previous`, the inventory before this apply: what the deployment did not hold
 * is new to it, not drifted. After an undeploy the inventory is empty while the last applied
 * set is unchanged, so a deploy of the same release recreates every object; none of that is
 * drift.
 */
export async function recordDrift(
  store: DeploymentStore,
  key: DeploymentKey,
  changes: Change[],
  previous: InventoryEntry[],
): Promise<number> {
  const held = new Set(previous.map(entry => formatRef(entry)));
  const records: DriftRecord[] = [];
  for (const change of changes) {
    if (!held.has(change.ref)) continue;
    if (change.action === ChangeAction.Created) {
      records.push({
        ...key,
        objectRef: change.ref,
        field: '(object)',
        oldValue: 'present',
        newValue: 'deleted',
        corrected: true,
      });
    } else if (change.action === ChangeAction.Configured) {
      for (const field of change.fields ?? [{ path: '(unknown)' }]) {
        records.push({
          ...key,
          objectRef: change.ref,
          field: field.path,
          oldValue: describeDriftValue(field.path, field.desired),
          newValue: describeDriftValue(field.path, field.live),
          corrected: true,
        });
      }
    }
  }
  if (records.length > 0) await store.recordDrift(records);
  return records.length;
}
