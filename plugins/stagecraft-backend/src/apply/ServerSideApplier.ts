import {
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import {
  MANAGED_BY_VALUE,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';
import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { InventoryEntry } from '../inventory/inventory';
import { Change, ChangeAction, formatRef } from './ChangeSet';
import { apiMessage, DryRunError, isNotFound } from './errors';

/** Options of {@link ServerSideApplier}. */
export interface ApplyOptions {
  /** The field manager of every apply: Stagecraft owns exactly the fields it sets. */
  fieldManager: string;
}

export const DEFAULT_APPLY_OPTIONS: ApplyOptions = {
  fieldManager: 'stagecraft',
};

type ObjectKey = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
};

/**
 * Applies sets of objects with server-side apply, in stages: Namespaces first (everything else
 * lives in them), then the rest. Each stage is dry-run on the server as a whole before any of
 * it is written, so an invalid object stops its stage before anything of the stage changes.
 */
export class ServerSideApplier {
  private readonly api: KubernetesObjectApi;

  constructor(
    kubeConfig: KubeConfig,
    private readonly options: ApplyOptions = DEFAULT_APPLY_OPTIONS,
  ) {
    this.api = KubernetesObjectApi.makeApiClient(kubeConfig);
  }

  async applyAll(manifests: Manifest[]): Promise<Change[]> {
    const namespaces = manifests.filter(m => m.kind === 'Namespace');
    const rest = manifests.filter(m => m.kind !== 'Namespace');
    const changes: Change[] = [];
    for (const stage of [namespaces, rest]) {
      await this.dryRun(stage);
      for (const object of stage) changes.push(await this.apply(object));
    }
    return changes;
  }

  /**
   * Deletes stale objects, but only those that still carry Stagecraft's managed-by label: an
   * object someone else took over (or never was ours) is skipped, never deleted.
   */
  async prune(stale: InventoryEntry[]): Promise<Change[]> {
    const changes: Change[] = [];
    for (const entry of stale) {
      const ref = formatRef(entry);
      const live = await this.read({
        apiVersion: entry.apiVersion,
        kind: entry.kind,
        metadata: { name: entry.name, namespace: entry.namespace },
      });
      if (!live) {
        changes.push({
          ref,
          action: ChangeAction.Skipped,
          reason: 'already gone',
        });
      } else if (
        live.metadata?.labels?.[StagecraftLabel.ManagedBy] !== MANAGED_BY_VALUE
      ) {
        changes.push({
          ref,
          action: ChangeAction.Skipped,
          reason: 'not labelled as managed by Stagecraft',
        });
      } else {
        await this.api.delete(live).catch(error => {
          if (!isNotFound(error))
            throw new Error(`${ref} delete failed: ${apiMessage(error)}`, {
              cause: error,
            });
        });
        changes.push({ ref, action: ChangeAction.Deleted });
      }
    }
    return changes;
  }

  private async dryRun(objects: Manifest[]) {
    const failures: { ref: string; message: string }[] = [];
    for (const object of objects) {
      await this.patch(object, 'All').catch(error =>
        failures.push({ ref: formatRef(object), message: apiMessage(error) }),
      );
    }
    if (failures.length > 0) throw new DryRunError(failures);
  }

  private async apply(object: Manifest): Promise<Change> {
    const ref = formatRef(object);
    const before = await this.read(object);
    const after = await this.patch(object).catch(error => {
      throw new Error(`${ref} apply failed: ${apiMessage(error)}`, {
        cause: error,
      });
    });
    if (!before) return { ref, action: ChangeAction.Created };
    const changed =
      before.metadata?.resourceVersion !== after.metadata?.resourceVersion;
    return {
      ref,
      action: changed ? ChangeAction.Configured : ChangeAction.Unchanged,
    };
  }

  private patch(object: Manifest, dryRun?: 'All') {
    // force: Stagecraft is the source of truth for the fields it sets; conflicts with hand
    // edits are resolved in its favour (drift is recorded elsewhere).
    return this.api.patch(
      object as KubernetesObject,
      undefined,
      dryRun,
      this.options.fieldManager,
      true,
      PatchStrategy.ServerSideApply,
    );
  }

  private async read(object: ObjectKey) {
    try {
      return await this.api.read(object);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw new Error(
        `${formatRef(object)} read failed: ${apiMessage(error)}`,
        { cause: error },
      );
    }
  }
}
