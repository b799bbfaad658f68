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
import { boundedMap } from './boundedMap';
import { Change, ChangeAction, formatRef } from './ChangeSet';
import { apiMessage, DryRunError, isNotFound } from './errors';
import { diffAgainstLive, FieldDiff } from './liveDiff';
import { LiveStateCache } from './LiveStateCache';
import { appliedFields, fieldsNoLongerSet } from './managedFields';
import { manifestDigest } from './ownedState';

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
  /**
   * Requests of one stage in flight at once (reads, dry runs, applies). The API server's
   * priority and fairness queues what it cannot take yet; the limiter caps the rate.
   */
  parallelism: number;
}

/** What `new ServerSideApplier(kubeConfig)` uses: field manager `stagecraft`, no rate limit. */
export const DEFAULT_APPLY_OPTIONS: ApplyOptions = {
  fieldManager: 'stagecraft',
  parallelism: 8,
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
  /** `manifestDigest(object)`, under which the live state cache remembers verdicts. */
  digest: string;
  live?: KubernetesObject;
  diffs: FieldDiff[];
  upToDate: boolean;
};

/**
 * Applies sets of objects with server-side apply, in the stages of the table of managed kinds
 * (`applyStages`: Namespaces first, since everything else lives in them, then the rest),
 * reported in the table's order. Objects whose live state already matches are left alone, so a
 * steady-state resync writes nothing (and, with `liveState` attached to the drift watches,
 * reads nothing either). The objects of a stage that do need an apply are dry-run on the server
 * together before any of them is written, so an invalid object stops its stage before anything
 * of the stage changes. Within a stage the reads, dry runs and applies go `parallelism` at a
 * time: a stage's order is about what must exist first, which the stages already ensure.
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

    // Dry-run everything that will change before any of it is written.
    const pending = plans.filter(p => !p.upToDate);
    await this.dryRun(pending.map(p => p.object));

    return boundedMap(plans, parallelism, async plan =>
      plan.upToDate
        ? { ref: formatRef(plan.object), action: ChangeAction.Unchanged }
        : this.apply(plan),
    );
  }

  /**
   * The live state of an object from the cache when it knows it (up to date: no request;
   * absent: no read), else read from the API server, and compared.
   */
  private async planObject(
    object: Manifest,
    options: ApplyAllOptions,
  ): Promise<Planned> {
    const digest = manifestDigest(object);
    const known = this.liveState.recall(object, digest);
    if (known === 'up-to-date' && !options.force)
      return { object, digest, diffs: [], upToDate: true };
    const live = known === 'absent' ? undefined : await this.read(object);
    const planned = this.plan(object, digest, live, options);
    if (live) this.liveState.remember(object, digest, live);
    return planned;
  }

  /**
   * Compares an object with its live state. It is up to date, and needs no apply, when it
   * exists, has every field we set, keeps none we stopped setting, and we have applied it
   * before (so its fields are ours).
   */
  private plan(
    object: Manifest,
    digest: string,
    live: KubernetesObject | undefined,
    options: ApplyAllOptions,
  ): Planned {
    if (!live) return { object, digest, diffs: [], upToDate: false };
    const { fieldManager } = this.options;
    const diffs = [
      ...diffAgainstLive(object, live),
      ...fieldsNoLongerSet(object, live, fieldManager),
    ];
    const ours = appliedFields(live, fieldManager).length > 0;
    return {
      object,
      digest,
      live,
      diffs,
      upToDate: !options.force && ours && diffs.length === 0,
    };
  }

  private async dryRun(objects: Manifest[]) {
    const failures: { ref: string; message: string }[] = [];
    await boundedMap(objects, this.options.parallelism, object =>
      this.patch(object, { dryRun: true }).catch(error => {
        failures.push({ ref: formatRef(object), message: apiMessage(error) });
      }),
    );
    if (failures.length > 0) {
      // In the set's order, whichever answer came first.
      const order = objects.map(formatRef);
      failures.sort((a, b) => order.indexOf(a.ref) - order.indexOf(b.ref));
      throw new DryRunError(failures);
    }
  }

  private async apply({
    object,
    digest,
    live,
    diffs,
  }: Planned): Promise<Change> {
    const ref = formatRef(object);
    const after = await this.patch(object, { dryRun: false }).catch(error => {
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
