import type { SyncState } from '@stagecraft/plugin-stagecraft-common';

/** The words the UI uses for each sync state: the API's words, capitalised. */
export const syncStateLabel: Record<SyncState, string> = {
  synced: 'Synced',
  progressing: 'Progressing',
  degraded: 'Degraded',
  drifted: 'Drifted',
  pending: 'Pending',
  failed: 'Failed',
  unknown: 'Unknown',
};

/**
 * States a deployment passes through on its way to `synced`; worth watching live. `unknown`
 * too: its cluster is unreachable, and the view should see it come back.
 */
export function isConverging(state: SyncState): boolean {
  return (
    state === 'pending' ||
    state === 'progressing' ||
    state === 'drifted' ||
    state === 'unknown'
  );
}
