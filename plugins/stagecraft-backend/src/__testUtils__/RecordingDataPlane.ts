import { ChangeAction } from '../apply/ChangeSet';
import { formatRef } from '../apply/ChangeSet';
import { inventoryOf } from '../inventory/inventory';
import { DataPlane, SyncRequest, SyncResult } from '../targets/DataPlane';

/** A data plane that only records what it was asked to sync (unit tests of the logic above it). */
export class RecordingDataPlane implements DataPlane {
  readonly type = 'gitops' as const;
  readonly requests: SyncRequest[] = [];
  failWith?: Error;

  constructor(readonly name = 'local') {}

  async sync(request: SyncRequest): Promise<SyncResult> {
    if (this.failWith) throw this.failWith;
    this.requests.push(request);
    return {
      changes: request.manifests.map(m => ({
        ref: formatRef(m),
        action: ChangeAction.Configured,
      })),
      inventory: request.undeploy ? [] : inventoryOf(request.manifests),
      revision: `r${this.requests.length}`,
    };
  }
}
