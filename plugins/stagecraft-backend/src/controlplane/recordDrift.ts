import { Change, ChangeAction } from '../apply/ChangeSet';
import { DeploymentStore } from '../database/DeploymentStore';
import { DeploymentKey } from '../targets/DataPlane';

const show = (value: unknown) =>
  value === undefined ? undefined : JSON.stringify(value);

/**
 * Records what a steady-state reconcile had to correct: objects recreated after someone
 * deleted them, and fields someone changed. Called only when the desired set did not change
 * since the last apply, so every difference was made behind Stagecraft's back.
 */
export async function recordDrift(
  store: DeploymentStore,
  key: DeploymentKey,
  changes: Change[],
): Promise<number> {
  let recorded = 0;
  for (const change of changes) {
    if (change.action === ChangeAction.Created) {
      await store.recordDrift({
        ...key,
        objectRef: change.ref,
        field: '(object)',
        oldValue: 'present',
        newValue: 'deleted',
        corrected: true,
      });
      recorded++;
    } else if (change.action === ChangeAction.Configured) {
      for (const field of change.fields ?? [{ path: '(unknown)' }]) {
        await store.recordDrift({
          ...key,
          objectRef: change.ref,
          field: field.path,
          oldValue: show(field.desired),
          newValue: show(field.live),
          corrected: true,
        });
        recorded++;
      }
    }
  }
  return recorded;
}
