import { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import {
  MANAGED_BY_VALUE,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';
import { applyStages, Manifest } from '@stagecraft/plugin-stagecraft-node';
import { InventoryEntry } from '../inventory/inventory';
import { RateLimiter } from '../kube/RateLimiter';
import { RequestCounter } from '../kube/RequestCounter';
import { ObjectClient } from '../kube/ObjectClient';
import { Change, ChangeAction, formatRef } from './ChangeSet';
import { apiMessage, DryRunError, isNotFound } from './errors';
import { diffAgainstLive, FieldDiff } from './liveDiff';
import { appliedFields, fieldsNoLongerSet } from './managedFields';

/** Options of {@link ServerSideApplier}. */
export interface ApplyOptions {
  /** The field manager of every apply: Stagecraft owns exactly the fields it sets. */
  fieldManager: string;
  /**
   * Waited on before every request to the API server. Share one per API server across
   * everything that talks to it; without one requests are not limited.
   */
  limiter?: RateLimiter;
  /** Counts every request to the API server by verb, e.g. to report writes per resync. */
  counter?: RequestCounter;
}

/** What `new ServerSideApplier(kubeConfig)` uses: field manager `stagecraft`, no rate limit. */
export const DEFAULT_APPLY_OPTIONS: ApplyOptions = {
  fieldManager: 'stagecraft',
};

/** Options of one {@link ServerSideApplier.applyAll}. */
export interface ApplyAllOptions {
  /**
   * Apply every object, even those whose live state already matches, e.g. for a redeploy a
   * person asked for. Without it, matching objects are reported `unchanged` and not sent.
   */
  force?: boolean;
}

type ObjectKey = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
};

/**
 * One object of a stage: its live state when it exists, the fields that differ from it, and
 * whether it can be left alone.
 */
type Planned = {
  object: Manifest;
  live?: KubernetesObject;
  diffs: FieldDiff[];
  upToDate: boolean;
};

/**
 * Applies sets of objects with server-side apply, in the stages of the table of managed kinds
 * (`applyStages`: Namespaces first, since everything else lives in them, then the rest), each
 * in the table's order. Objects whose live state already matches are left alone, so a
 * steady-state resync writes nothing. The objects of a stage that do need an apply are
 * dry-run on the server together before any of them is written, so an invalid object stops
 * its stage before anything of the stage changes.
 */
export class ServerSideApplier {
  private readonly api: ObjectClient;
  private readonly options: ApplyOptions;

  constructor(kubeConfig: KubeConfig, options: Partial<ApplyOptions> = {}) {
    this.options = { ...DEFAULT_APPLY_OPTIONS, ...options };
    this.api = new ObjectClient(kubeConfig, this.options);
  }

  /**
   * Applies the set stage by stage and reports what happened to each object, in apply order.
   * Fails with a {@link DryRunError} naming every object of a stage the server rejects.
   */
  async applyAll(
    manifests: Manifest[],
    options: ApplyAllOptions = {},
  ): Promise<Change[]> {
    const changes: Change[] = [];
    for (const stage of applyStages(manifests)) {
      changes.push(...(await this.applyStage(stage, options)));
    }
    return changes;
  }

  /**
   * Deletes stale objects in the order given (the inventory's prune order), but only those
   * that still carry Stagecraft's managed-by label: an object someone else took over (or never
   * was ours) is skipped, never deleted.
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

  private async applyStage(
    stage: Manifest[],
    options: ApplyAllOptions,
  ): Promise<Change[]> {
    // Compare each object with its live state: one that matches is neither dry-run nor applied.
    const plans: Planned[] = [];
    for (const object of stage) {
      plans.push(this.plan(object, await this.read(object), options));
    }

    // Dry-run everything that will change before any of it is written.
    const pending = plans.filter(p => !p.upToDate);
    await this.dryRun(pending.map(p => p.object));

    const changes: Change[] = [];
    for (const plan of plans) {
      changes.push(
        plan.upToDate
          ? { ref: formatRef(plan.object), action: ChangeAction.Unchanged }
          : await this.apply(plan),
      );
    }
    return changes;
  }

  /**
   * Compares an object with its live state. It is up to date, and needs no apply, when it
   * exists, has every field we set, keeps none we stopped setting, and we have applied it
   * before (so its fields are ours).
   */
  private plan(
    object: Manifest,
    live: KubernetesObject | undefined,
    options: ApplyAllOptions,
  ): Planned {
    if (!live) return { object, diffs: [], upToDate: false };
    const { fieldManager } = this.options;
    const diffs = [
      ...diffAgainstLive(object, live),
      ...fieldsNoLongerSet(object, live, fieldManager),
    ];
    const ours = appliedFields(live, fieldManager).length > 0;
    return {
      object,
      live,
      diffs,
      upToDate: !options.force && ours && diffs.length === 0,
    };
  }

  private async dryRun(objects: Manifest[]) {
    const failures: { ref: string; message: string }[] = [];
    for (const object of objects) {
      await this.patch(object, { dryRun: true }).catch(error =>
        failures.push({ ref: formatRef(object), message: apiMessage(error) }),
      );
    }
    if (failures.length > 0) throw new DryRunError(failures);
  }

  private async apply({ object, live, diffs }: Planned): Promise<Change> {
    const ref = formatRef(object);
    const after = await this.patch(object, { dryRun: false }).catch(error => {
      throw new Error(`${ref} apply failed: ${apiMessage(error)}`, {
        cause: error,
      });
    });
    if (!live) return { ref, action: ChangeAction.Created };
    if (live.metadata?.resourceVersion === after.metadata?.resourceVersion) {
      return { ref, action: ChangeAction.Unchanged };
    }
    // The fields that differed are what the apply corrected: drift, in a steady state.
    return {
      ref,
      action: ChangeAction.Configured,
      ...(diffs.length > 0 ? { fields: diffs } : {}),
    };
  }

  private patch(object: Manifest, { dryRun }: { dryRun: boolean }) {
    // force: Stagecraft is the source of truth for the fields it sets; conflicts with hand
    // edits are resolved in its favour (drift is recorded elsewhere).
    return this.api.serverSideApply(object, {
      fieldManager: this.options.fieldManager,
      force: true,
      dryRun,
    });
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
