import { Knex } from 'knex';
import { DEPLOYING_HISTORY_ACTIONS } from '@stagecraft/plugin-stagecraft-common';
import { InventoryEntry } from '../inventory/inventory';
import { DriftRecord, insertDriftRecords } from './driftRecords';
import {
  canonical,
  Deployment,
  deploymentFromRow,
  DriftEvent,
  driftFromRow,
  HistoryAction,
  HistoryEntry,
  historyFromRow,
  Release,
  releaseFromRow,
} from './records';
import { releaseIdOf } from './releaseId';
import { rowsByDeployment, rowsById } from './rowsByDeployment';
import {
  DeploymentKey,
  deploymentKeyString,
} from '../deployment/DeploymentKey';
import {
  DeploymentWrite,
  DeployWrite,
  readDeployment,
  writeDeployment,
  writeDeployUnlessAlready,
} from './writeDeployment';

export type {
  Deployment,
  DesiredState,
  DriftEvent,
  HistoryAction,
  HistoryEntry,
  Release,
} from './records';

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
    const snapshot = canonical(o.snapshot);
    const id = releaseIdOf(o.componentRef, snapshot);
    await this.db('releases')
      .insert({
        id,
        component_ref: o.componentRef,
        snapshot,
        created_by: o.createdBy,
      })
      .onConflict('id')
      .ignore();
    return (await this.getRelease(id))!;
  }

  async getRelease(id: string): Promise<Release | undefined> {
    const row = await this.db('releases').where({ id }).first();
    return row && releaseFromRow(row);
  }

  /** Many releases in a few reads (a listing's), by id; an id not recorded is left out. */
  async getReleases(ids: readonly string[]): Promise<Map<string, Release>> {
    const rows = await rowsById<{ id: string }>(this.db, 'releases', ids);
    return new Map([...rows].map(([id, row]) => [id, releaseFromRow(row)]));
  }

  async listReleases(componentRef: string): Promise<Release[]> {
    const rows = await this.db('releases')
      .where({ component_ref: componentRef })
      .orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]);
    return rows.map(releaseFromRow);
  }

  /**
   * Sets what a component should run in an environment and records the action, atomically.
   * With `expectedGeneration`, the change is refused when the deployment changed since the
   * caller read it (0: it must not exist yet): what the caller decided from, e.g. the release a
   * rollback leaves, is then still what it replaces.
   */
  async setDeployment(
    o: DeploymentWrite,
    within?: Knex.Transaction,
  ): Promise<Deployment> {
    // Callers that record something else with the deployment (an approval) pass their
    // transaction, so both land or neither does.
    return within
      ? writeDeployment(within, o)
      : this.db.transaction(tx => writeDeployment(tx, o));
  }

  /**
   * Deploys `releaseId` unless the deployment already deploys it, atomically against concurrent
   * writers (see writeDeployUnlessAlready); `written` says which.
   */
  async deployUnlessAlready(
    o: DeployWrite,
  ): Promise<{ deployment: Deployment; written: boolean }> {
    return this.db.transaction(tx => writeDeployUnlessAlready(tx, o));
  }

  async getDeployment(
    componentRef: string,
    environment: string,
  ): Promise<Deployment | undefined> {
    return readDeployment(this.db, componentRef, environment);
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
    filter: {
      componentRef?: string;
      environment?: string;
      /** Only these components (matched ignoring case): a plan reads its few neighbours. */
      componentRefs?: string[];
    } = {},
  ): Promise<Deployment[]> {
    const query = this.db('deployments');
    if (filter.componentRef)
      query.where({ component_ref: filter.componentRef });
    if (filter.environment) query.where({ environment: filter.environment });
    const refs = filter.componentRefs?.map(r => r.toLocaleLowerCase('en-US'));
    if (refs?.length === 0) return [];
    if (refs)
      query.whereRaw(
        `lower(component_ref) in (${refs.map(() => '?').join(', ')})`,
        refs,
      );
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
    return rows.map(historyFromRow);
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
      .whereIn('action', DEPLOYING_HISTORY_ACTIONS)
      .first('id');
    return row !== undefined;
  }

  /**
   * Every component's catalog head (the release its intent last produced), in one read: a
   * pass of the catalog trigger compares each component against it without a query of its own.
   */
  async listCatalogHeads(): Promise<Map<string, string>> {
    const rows: { component_ref: string; release_id: string }[] = await this.db(
      'catalog_heads',
    ).select('component_ref', 'release_id');
    return new Map(rows.map(r => [r.component_ref, r.release_id]));
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

  /** Many deployments' inventories in a few reads, by `deploymentKeyString`; none: empty. */
  async getInventories(
    keys: readonly DeploymentKey[],
  ): Promise<Map<string, InventoryEntry[]>> {
    const rows = await rowsByDeployment<{
      component_ref: string;
      entries: string;
    }>(this.db, 'inventories', keys);
    return new Map(
      keys.map(key => {
        const row = rows.get(deploymentKeyString(key));
        return [deploymentKeyString(key), row ? JSON.parse(row.entries) : []];
      }),
    );
  }

  /** Records changes made behind Stagecraft's back (`corrected` when already reverted). */
  async recordDrift(records: DriftRecord[]): Promise<void> {
    await insertDriftRecords(this.db, records);
  }

  async listDrift(
    componentRef: string,
    environment: string,
  ): Promise<DriftEvent[]> {
    const rows = await this.db('drift_events')
      .where({ component_ref: componentRef, environment })
      .orderBy('id', 'desc');
    return rows.map(driftFromRow);
  }
}
