import { ConflictError, NotFoundError } from '@backstage/errors';
import type { HistoryAction } from '@stagecraft/plugin-stagecraft-common';
import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { InventoryEntry } from '../inventory/inventory';

/** An immutable snapshot of what a component runs: intent, image, resolved type and traits. */
export interface Release {
  id: string;
  componentRef: string;
  snapshot: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
}

export type DesiredState = 'deployed' | 'undeployed';
export type { HistoryAction };

/** Component × environment → release. */
export interface Deployment {
  componentRef: string;
  environment: string;
  releaseId: string;
  overrides: Record<string, unknown>;
  desiredState: DesiredState;
  generation: number;
  updatedBy: string;
  updatedAt: Date;
}

export interface HistoryEntry {
  id: number;
  componentRef: string;
  environment: string;
  action: HistoryAction;
  releaseId?: string;
  actor: string;
  at: Date;
  details: Record<string, unknown>;
}

/** A change to a managed object's field that Stagecraft did not make. */
export interface DriftEvent {
  objectRef: string;
  field: string;
  oldValue?: string;
  newValue?: string;
  detectedAt: Date;
  correctedAt?: Date;
}

/** Canonical JSON (sorted keys), so equal snapshots hash equally. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    // Undefined members are left out, as JSON.stringify does.
    return `{${Object.keys(value)
      .filter(k => (value as any)[k] !== undefined)
      .sort()
      .map(k => `${JSON.stringify(k)}:${canonical((value as any)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const toDate = (value: unknown) =>
  value instanceof Date ? value : new Date(String(value));

/** The history actions after which a deployment runs its release (undeploy removes it). */
const DEPLOYING_ACTIONS: HistoryAction[] = [
  'deploy',
  'promote',
  'rollback',
  'redeploy',
];

/**
 * The control plane's state in the plugin database (SQLite or PostgreSQL). Every change of a
 * deployment writes its history entry in the same transaction: no action is ever lost or
 * recorded without happening.
 */
export class DeploymentStore {
  constructor(private readonly db: Knex) {}

  /**
   * Records a release. Releases are content-addressed and immutable: recording the same
   * snapshot again returns the existing release instead of a twin.
   */
  async createRelease(o: {
    componentRef: string;
    snapshot: Record<string, unknown>;
    createdBy: string;
  }): Promise<Release> {
    const id = createHash('sha256')
      .update(`${o.componentRef}\n${canonical(o.snapshot)}`)
      .digest('hex');
    await this.db('releases')
      .insert({
        id,
        component_ref: o.componentRef,
        snapshot: canonical(o.snapshot),
        created_by: o.createdBy,
      })
      .onConflict('id')
      .ignore();
    return (await this.getRelease(id))!;
  }

  async getRelease(id: string): Promise<Release | undefined> {
    const row = await this.db('releases').where({ id }).first();
    return (
      row && {
        id: row.id,
        componentRef: row.component_ref,
        snapshot: JSON.parse(row.snapshot),
        createdBy: row.created_by,
        createdAt: toDate(row.created_at),
      }
    );
  }

  async listReleases(componentRef: string): Promise<Release[]> {
    const rows = await this.db('releases')
      .where({ component_ref: componentRef })
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]);
    return rows.map(row => ({
      id: row.id,
      componentRef: row.component_ref,
      snapshot: JSON.parse(row.snapshot),
      createdBy: row.created_by,
      createdAt: toDate(row.created_at),
    }));
  }

  /**
   * Sets what a component should run in an environment and records the action, atomically.
   * With `expectedGeneration`, the change is refused when the deployment changed since the
   * caller read it (0: it must not exist yet): what the caller decided from, e.g. the release a
   * rollback leaves, is then still what it replaces.
   */
  async setDeployment(
    o: {
      componentRef: string;
      environment: string;
      releaseId: string;
      desiredState: DesiredState;
      overrides?: Record<string, unknown>;
      action: HistoryAction;
      actor: string;
      details?: Record<string, unknown>;
      expectedGeneration?: number;
    },
    within?: Knex.Transaction,
  ): Promise<Deployment> {
    const write = async (tx: Knex.Transaction) => {
      // Checked here, not only by the foreign key: SQLite enforces those only per connection
      // setting, and the caller deserves a clear error either way.
      if (!(await tx('releases').where({ id: o.releaseId }).first())) {
        throw new NotFoundError(`no release ${o.releaseId}`);
      }
      const key = { component_ref: o.componentRef, environment: o.environment };
      const existing = await tx('deployments').where(key).first();
      const generation = Number(existing?.generation ?? 0);
      if (
        o.expectedGeneration !== undefined &&
        o.expectedGeneration !== generation
      ) {
        throw new ConflictError(
          `${o.componentRef} in ${o.environment} changed while this ${o.action} was being decided (generation ${o.expectedGeneration} → ${generation}); look again and retry`,
        );
      }
      const row = {
        ...key,
        release_id: o.releaseId,
        overrides: JSON.stringify(o.overrides ?? {}),
        desired_state: o.desiredState,
        generation: generation + 1,
        updated_by: o.actor,
        updated_at: tx.fn.now(),
      };
      if (!existing) await tx('deployments').insert(row);
      else if (o.expectedGeneration === undefined)
        await tx('deployments').where(key).update(row);
      // PostgreSQL reads committed, not serialisable: the generation in the condition makes
      // a change that committed since the read above lose here instead of being overwritten.
      else if (
        (await tx('deployments')
          .where({ ...key, generation })
          .update(row)) === 0
      )
        throw new ConflictError(
          `${o.componentRef} in ${o.environment} changed while this ${o.action} was being written; look again and retry`,
        );
      await tx('history').insert({
        ...key,
        action: o.action,
        release_id: o.releaseId,
        actor: o.actor,
        details: JSON.stringify(o.details ?? {}),
      });
      return (await this.readDeployment(tx, o.componentRef, o.environment))!;
    };
    // Callers that record something else with the deployment (an approval) pass their
    // transaction, so both land or neither does.
    return within ? write(within) : this.db.transaction(write);
  }

  async getDeployment(
    componentRef: string,
    environment: string,
  ): Promise<Deployment | undefined> {
    return this.readDeployment(this.db, componentRef, environment);
  }

  /** Records an action that changes no deployment (an approval request or a denial). */
  async addHistory(
    o: {
      componentRef: string;
      environment: string;
      action: HistoryAction;
      releaseId?: string;
      actor: string;
      details?: Record<string, unknown>;
    },
    within?: Knex.Transaction,
  ): Promise<void> {
    await (within ?? this.db)('history').insert({
      component_ref: o.componentRef,
      environment: o.environment,
      action: o.action,
      release_id: o.releaseId ?? null,
      actor: o.actor,
      details: JSON.stringify(o.details ?? {}),
    });
  }

  /** Deployments, optionally of one component or in one environment, by component and environment. */
  async listDeployments(
    filter: { componentRef?: string; environment?: string } = {},
  ): Promise<Deployment[]> {
    const query = this.db('deployments');
    if (filter.componentRef)
      query.where({ component_ref: filter.componentRef });
    if (filter.environment) query.where({ environment: filter.environment });
    const rows = await query.orderBy(['component_ref', 'environment']);
    return rows.map(deploymentFromRow);
  }

  async listHistory(
    componentRef: string,
    environment?: string,
  ): Promise<HistoryEntry[]> {
    const query = this.db('history').where({ component_ref: componentRef });
    if (environment) query.andWhere({ environment });
    const rows = await query.orderBy('id', 'desc');
    return rows.map(row => ({
      id: row.id,
      componentRef: row.component_ref,
      environment: row.environment,
      action: row.action,
      releaseId: row.release_id ?? undefined,
      actor: row.actor,
      at: toDate(row.at),
      details: JSON.parse(row.details),
    }));
  }

  /**
   * Whether a release ran (was set to run) in an environment at any time: the evidence the
   * pipeline rule needs. History is append-only, so a yes never turns into a no.
   */
  async wasDeployedIn(
    componentRef: string,
    environment: string,
    releaseId: string,
  ): Promise<boolean> {
    const row = await this.db('history')
      .where({
        component_ref: componentRef,
        environment,
        release_id: releaseId,
      })
      .whereIn('action', DEPLOYING_ACTIONS)
      .first('id');
    return row !== undefined;
  }

  /** The release a component's catalog intent last produced (see the catalog trigger). */
  async getCatalogHead(componentRef: string): Promise<string | undefined> {
    const row = await this.db('catalog_heads')
      .where({ component_ref: componentRef })
      .first();
    return row?.release_id;
  }

  async setCatalogHead(componentRef: string, releaseId: string): Promise<void> {
    await this.db('catalog_heads')
      .insert({
        component_ref: componentRef,
        release_id: releaseId,
        seen_at: this.db.fn.now(),
      })
      .onConflict('component_ref')
      .merge();
  }

  async saveInventory(
    componentRef: string,
    environment: string,
    entries: InventoryEntry[],
  ): Promise<void> {
    await this.db('inventories')
      .insert({
        component_ref: componentRef,
        environment,
        entries: JSON.stringify(entries),
        updated_at: this.db.fn.now(),
      })
      .onConflict(['component_ref', 'environment'])
      .merge();
  }

  async getInventory(
    componentRef: string,
    environment: string,
  ): Promise<InventoryEntry[]> {
    const row = await this.db('inventories')
      .where({ component_ref: componentRef, environment })
      .first();
    return row ? JSON.parse(row.entries) : [];
  }

  /** Records a change made behind Stagecraft's back; `corrected` when it was already reverted. */
  async recordDrift(o: {
    componentRef: string;
    environment: string;
    objectRef: string;
    field: string;
    oldValue?: string;
    newValue?: string;
    corrected: boolean;
  }): Promise<void> {
    await this.db('drift_events').insert({
      component_ref: o.componentRef,
      environment: o.environment,
      object_ref: o.objectRef,
      field: o.field,
      old_value: o.oldValue ?? null,
      new_value: o.newValue ?? null,
      corrected_at: o.corrected ? this.db.fn.now() : null,
    });
  }

  async listDrift(
    componentRef: string,
    environment: string,
  ): Promise<DriftEvent[]> {
    const rows = await this.db('drift_events')
      .where({ component_ref: componentRef, environment })
      .orderBy('id', 'desc');
    return rows.map(row => ({
      objectRef: row.object_ref,
      field: row.field,
      oldValue: row.old_value ?? undefined,
      newValue: row.new_value ?? undefined,
      detectedAt: toDate(row.detected_at),
      correctedAt: row.corrected_at ? toDate(row.corrected_at) : undefined,
    }));
  }

  private async readDeployment(
    db: Knex,
    componentRef: string,
    environment: string,
  ): Promise<Deployment | undefined> {
    const row = await db('deployments')
      .where({ component_ref: componentRef, environment })
      .first();
    return row && deploymentFromRow(row);
  }
}

function deploymentFromRow(row: any): Deployment {
  return {
    componentRef: row.component_ref,
    environment: row.environment,
    releaseId: row.release_id,
    overrides: JSON.parse(row.overrides),
    desiredState: row.desired_state,
    generation: Number(row.generation),
    updatedBy: row.updated_by,
    updatedAt: toDate(row.updated_at),
  };
}
