import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import type { CatalogSnapshot } from './CatalogSnapshot';

/**
 * A deployment's status while a catalog read is held back: its reason says so, since the
 * deployment is reconciled against the last complete catalog, not the one the catalog serves.
 */
export function withCatalogHold(
  status: DeploymentStatus,
  catalog: CatalogSnapshot,
): DeploymentStatus {
  const hold = catalog.heldBack;
  if (!hold) return status;
  return {
    ...status,
    sync: {
      ...status.sync,
      reason: `${status.sync.reason}; ${
        hold.message
      } (held since ${hold.since.toISOString()})`,
    },
  };
}
