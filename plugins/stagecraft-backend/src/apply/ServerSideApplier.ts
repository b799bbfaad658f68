import { KubeConfig, KubernetesObject } from '@kubernetes/client-node';
import {
  MANAGED_BY_VALUE,
  StagecraftLabel,
} from '@stagecraft/plugin-stagecraft-common';
import { applyStages, Manifest } from '@stagecraft/plugin-stagecraft-node';
import { InventoryEntry } from '../inventory/inventory';

import { ObjectClient } from '../kube/ObjectClient';
import {
  ApplyAllOptions,
  ApplyOptions,
  DEFAULT_APPLY_OPTIONS,
} from './applyOptions';
import { boundedMap } from './boundedMap';
import { Planned, runsOfKind, unchanged } from './plannedObject';
import { Change, ChangeAction, formatRef } from './ChangeSet';
import { apiMessage, DryRunError, isNotFound } from './errors';
import { diffAgainstLive } from './liveDiff';
import { LiveStateCache } from './LiveStateCache';
import { appliedFields, fieldsNoLongerSet } from './managedFields';
import { serialiseManifest } from './ownedState';

type ObjectKey = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
};

/**
 * Applies sets of objects with server-side apply, in the stages of the table of managed kinds
 * (`applyStages`: Namespaces first, since everything else lives in them, then the rest),
 * reported in the table's order. Objects whose live state already matches are left alone, so a
 * steady-state resync writes nothing (and, with `liveState` attached to the drift watches,
 * reads nothing either). The objects of a stage that do need an apply are dry-run on the server
 * together before any of them is written, so an invalid object stops its stage before anything
 * of the stage changes. Within a stage the reads and dry runs go `parallelism` at a time, and
 * the applies kind by kind in the table's order, the objects of one kind `parallelism` at a
 * time.
 */
export class ServerSideApplier {
  private readonly api: ObjectClient;
  private readonly options: ApplyOptions;
  /**
   * The cluster's managed objects as the drift watches see them (attach it to the cluster's
   * `ManagedObjectWatcher`): while it is current, objects it knows to be up to date cost no
   * request and objects it knows to be absent no read. Unattached, every object is read.
   */
  readonly liveState: LiveStateCache;

  constructor(kubeConfig: KubeConfig, options: Partial<ApplyOptions> = {}) {
    this.options = { ...DEFAULT_APPLY_OPTIONS, ...options };
    this.api = new ObjectClient(kubeConfig, this.options);
    this.liveState = new LiveStateCache(this.options.fieldManager);
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
        // Forgotten first: a recreate right after must not be taken for up to date.
        this.liveState.forget(entry);
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
    const { parallelism } = this.options;
    // Compare each object with its live state: one that matches is neither dry-run nor applied.
    const plans = await boundedMap(stage, parallelism, object =>
      this.planObject(object, options),
    );

    // Nothing of the stage is written unless the server accepts all of it. The first object to
    // write is applied alone before any other, so the server's check of that apply is its dry
    // run (a rejection leaves the stage untouched): one request fewer per stage. Every other
    // one is dry-run before it.
    const [first, ...rest] = plans.filter(p => !p.upToDate);
    if (!first) return plans.map(unchanged);
    await this.dryRun(rest, first);
    // Written kind by kind in the table's order (what others refer to first: the
    // ServiceAccount before the Deployment, the Deployment before its autoscaler), the objects
    // of one kind at once.
    const applied = new Map([[first, await this.applyFirst(first)]]);
    for (const group of runsOfKind(rest)) {
      const changes = await boundedMap(group, parallelism, p => this.apply(p));
      group.forEach((plan, i) => applied.set(plan, changes[i]));
    }
    return plans.map(plan => applied.get(plan) ?? unchanged(plan));
  }

  /** The apply that stands for its own dry run: a rejection is reported as one. */
  private applyFirst(plan: Planned): Promise<Change> {
    return this.apply(plan).catch(error => {
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      if (typeof code === 'number' && code >= 400 && code < 500)
        throw new DryRunError([
          { ref: formatRef(plan.object), message: apiMessage(error.cause) },
        ]);
      throw error;
    });
  }

  /**
   * The live state of an object from the cache when it knows it (up to date: no request;
   * absent: no read), else read from the API server, and compared.
   */
  private async planObject(
    object: Manifest,
    options: ApplyAllOptions,
  ): Promise<Planned> {
    const { json, digest } = serialiseManifest(object);
    const known = this.liveState.recall(object, digest);
    if (known === 'up-to-date' && !options.force)
      return { object, digest, json, diffs: [], upToDate: true };
    const live = known === 'absent' ? undefined : await this.read(object);
    const planned = this.plan({ object, digest, json }, live, options);
    if (live) this.liveState.remember(object, digest, live);
    return planned;
  }

  /**
   * Compares an object with its live state. It is up to date, and needs no apply, when it
   * exists, has every field we set, keeps none we stopped setting, and we have applied it
   * before (so its fields are ours).
   */
  private plan(
    serialised: Pick<Planned, 'object' | 'digest' | 'json'>,
    live: KubernetesObject | undefined,
    options: ApplyAllOptions,
  ): Planned {
    const { object } = serialised;
    if (!live) return { ...serialised, diffs: [], upToDate: false };
    const { fieldManager } = this.options;
    const diffs = [
      ...diffAgainstLive(object, live),
      ...fieldsNoLongerSet(object, live, fieldManager),
    ];
    const ours = appliedFields(live, fieldManager).length > 0;
    return {
      ...serialised,
      live,
      diffs,
      upToDate: !options.force && ours && diffs.length === 0,
    };
  }

  /**
   * Dry-runs `objects`; if the server rejects any, `unchecked` (written first without one) too,
   * so the error names every object of the stage it rejects, and throws.
   */
  private async dryRun(plans: Planned[], unchecked: Planned) {
    const failures = await this.dryRunFailures(plans);
    if (failures.length === 0) return;
    failures.push(...(await this.dryRunFailures([unchecked])));
    // In the set's order, whichever answer came first.
    const order = [unchecked, ...plans].map(p => formatRef(p.object));
    failures.sort((a, b) => order.indexOf(a.ref) - order.indexOf(b.ref));
    throw new DryRunError(failures);
  }

  private async dryRunFailures(plans: Planned[]) {
    const failures: { ref: string; message: string }[] = [];
    await boundedMap(plans, this.options.parallelism, plan =>
      this.patch(plan, { dryRun: true }).catch(error => {
        failures.push({
          ref: formatRef(plan.object),
          message: apiMessage(error),
        });
      }),
    );
    return failures;
  }

  private async apply(plan: Planned): Promise<Change> {
    const { object, digest, live, diffs } = plan;
    const ref = formatRef(object);
    const after = await this.patch(plan, { dryRun: false }).catch(error => {
      throw new Error(`${ref} apply failed: ${apiMessage(error)}`, {
        cause: error,
      });
    });
    this.liveState.remember(object, digest, after);
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

  private patch({ object, json }: Planned, { dryRun }: { dryRun: boolean }) {
    // force: Stagecraft is the source of truth for the fields it sets; conflicts with hand
    // edits are resolved in its favour (drift is recorded elsewhere).
    return this.api.serverSideApply(object, {
      fieldManager: this.options.fieldManager,
      force: true,
      dryRun,
      json,
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
export type { ApplyAllOptions, ApplyOptions } from './applyOptions';
export { DEFAULT_APPLY_OPTIONS } from './applyOptions';
