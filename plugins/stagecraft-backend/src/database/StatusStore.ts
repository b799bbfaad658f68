import type { PendingConnection } from '@stagecraft/plugin-stagecraft-common';
import { Knex } from 'knex';
import type { SyncState } from '@stagecraft/plugin-stagecraft-common';
import type { DeploymentKey } from '../deployment/DeploymentKey';
import { rowsByDeployment } from './rowsByDeployment';

/** The outcome of the last reconcile of one deployment, as every replica sees it. */
export interface StoredStatus {
  componentRef: string;
  environment: string;
  state: SyncState;
  reason: string;
  observedGeneration?: number;
  lastAppliedReleaseId?: string;
  /** Hash of the set last applied: a difference found later with the same hash is drift. */
  desiredHash?: string;
  revision?: string;
  urls: string[];
  pendingConnections: PendingConnection[];
  updatedAt: Date;
  /** The last successful reconcile, whether or not it changed anything. */
  syncedAt?: Date;
  /** What the last reconcile that changed something did; a pass that changes nothing keeps it. */
  lastChange?: string;
  lastChangeAt?: Date;
}

export type StatusUpdate = Omit<
  StoredStatus,
  'updatedAt' | 'syncedAt' | 'urls' | 'pendingConnections' | 'lastChangeAt'
> & {
  urls?: string[];
  pendingConnections?: PendingConnection[];
  /** A successful sync stamps `synced_at`; failures keep the previous one. */
  synced?: boolean;
};

/** A release observed rolled out and ready in an environment (table `release_readiness`). */
export interface ReadyRelease {
  releaseId: string;
  /** The first time a status read found it so. */
  readyAt: Date;
  /** What the rollout said then. */
  evidence: string;
}

const toDate = (value: unknown) =>
  value instanceof Date ? value : new Date(String(value));

/**
 * Reconcile outcomes per deployment in the plugin database, and which releases were observed
 * ready where.
 */
export class StatusStore {
  /** The release last recorded ready per deployment: status reads repeat, the row is written once. */
  private readonly recordedReady = new Map<string, string>();

  constructor(private readonly db: Knex) {}

  /**
   * Records that `releaseId` was observed rolled out and ready in the environment; only the
   * first observation is kept (a replica that raced to it first wins, the others change nothing).
   */
  async recordReady(o: {
    componentRef: string;
    environment: string;
    releaseId: string;
    evidence: string;
  }): Promise<void> {
    const key = `${o.componentRef}\n${o.environment}`;
    if (this.recordedReady.get(key) === o.releaseId) return;
    await this.db('release_readiness')
      .insert({
        component_ref: o.componentRef,
        environment: o.environment,
        release_id: o.releaseId,
        evidence: o.evidence,
      })
      .onConflict(['component_ref', 'environment', 'release_id'])
      .ignore();
    this.recordedReady.set(key, o.releaseId);
  }

  /** The releases observed ready in one environment, most recently first seen first. */
  async listReady(
    componentRef: string,
    environment: string,
  ): Promise<ReadyRelease[]> {
    const rows = await this.db('release_readiness')
      .where({ component_ref: componentRef, environment })
      .orderBy([
        { column: 'ready_at', order: 'desc' },
        { column: 'release_id', order: 'asc' },
      ]);
    return rows.map(row => ({
      releaseId: row.release_id,
      readyAt: toDate(row.ready_at),
      evidence: row.evidence,
    }));
  }

  async save(update: StatusUpdate): Promise<void> {
    const key = {
      component_ref: update.componentRef,
      environment: update.environment,
    };
    const row: Record<string, unknown> = {
      ...key,
      state: update.state,
      reason: update.reason,
      updated_at: this.db.fn.now(),
    };
    // Fields left undefined keep their stored values (a failure keeps the last good release).
    const optional: Record<string, unknown> = {
      observed_generation: update.observedGeneration,
      last_applied_release_id: update.lastAppliedReleaseId,
      desired_hash: update.desiredHash,
      revision: update.revision,
      urls: update.urls && JSON.stringify(update.urls),
      pending_connections:
        update.pendingConnections && JSON.stringify(update.pendingConnections),
      last_change: update.lastChange,
    };
    for (const [column, value] of Object.entries(optional)) {
      if (value !== undefined) row[column] = value;
    }
    if (update.synced) row.synced_at = this.db.fn.now();
    if (update.lastChange !== undefined) row.last_change_at = this.db.fn.now();
    await this.db('deployment_status')
      .insert(row)
      .onConflict(['component_ref', 'environment'])
      .merge(Object.keys(row).filter(k => !(k in key)));
  }

  async get(
    componentRef: string,
    environment: string,
  ): Promise<StoredStatus | undefined> {
    const row = await this.db('deployment_status')
      .where({ component_ref: componentRef, environment })
      .first();
    return row && fromRow(row);
  }

  /** Many deployments' statuses in a few reads (a listing's), by `deploymentKeyString`. */
  async getMany(
    keys: readonly DeploymentKey[],
  ): Promise<Map<string, StoredStatus>> {
    const rows = await rowsByDeployment<{ component_ref: string }>(
      this.db,
      'deployment_status',
      keys,
    );
    return new Map([...rows].map(([key, row]) => [key, fromRow(row)]));
  }

  /** Every deployment's status: one read (the replicas' periodic pass over unclaimed work). */
  async listAll(): Promise<StoredStatus[]> {
    return (await this.db('deployment_status')).map(fromRow);
  }

  async list(componentRef: string): Promise<StoredStatus[]> {
    const rows = await this.db('deployment_status').where({
      component_ref: componentRef,
    });
    return rows.map(fromRow);
  }
}

function fromRow(row: any): StoredStatus {
  return {
    componentRef: row.component_ref,
    environment: row.environment,
    state: row.state,
    reason: row.reason,
    observedGeneration:
      row.observed_generation === null
        ? undefined
        : Number(row.observed_generation),
    lastAppliedReleaseId: row.last_applied_release_id ?? undefined,
    desiredHash: row.desired_hash ?? undefined,
    revision: row.revision ?? undefined,
    urls: JSON.parse(row.urls),
    pendingConnections: pendingConnectionsOf(row.pending_connections),
    updatedAt: toDate(row.updated_at),
    syncedAt: row.synced_at ? toDate(row.synced_at) : undefined,
    lastChange: row.last_change ?? undefined,
    lastChangeAt: row.last_change_at ? toDate(row.last_change_at) : undefined,
  };
}

/**
 * Rows written before pending connections were structured hold sentences; they are left out
 * rather than guessed at, and the resync at startup re-plans every deployment, which writes
 * them again in the structured form.
 */
function pendingConnectionsOf(column: string): PendingConnection[] {
  const stored: unknown[] = JSON.parse(column);
  return stored.filter(
    (p): p is PendingConnection => typeof p === 'object' && p !== null,
  );
}
