import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { shortReleaseId } from '../deployment/shortReleaseId';
import type { ApprovalRequest } from '@stagecraft/plugin-stagecraft-common';

const iso = (value: unknown) =>
  (value instanceof Date ? value : new Date(String(value))).toISOString();

/** Promotions waiting for (or decided by) an approver. */
export class ApprovalStore {
  constructor(private readonly db: Knex) {}

  /**
   * Opens a request, or returns the pending one for the same release and environment: asking
   * twice must not make two requests an approver has to decide. `onCreated` runs in the same
   * transaction only for a new request (it records the history entry), so twenty concurrent
   * promotions make one request and one entry. Race-safe on PostgreSQL too: the unique index
   * on pending requests (migration 3) turns a concurrent twin's insert into a no-op, after
   * which the committed original is read — and if it was decided in between, there is nothing
   * to join: a ConflictError says so (the caller sees 409, not a crash).
   */
  async request(
    o: {
      componentRef: string;
      environment: string;
      fromEnvironment: string;
      releaseId: string;
      requestedBy: string;
    },
    onCreated?: (
      tx: Knex.Transaction,
      request: ApprovalRequest,
    ) => Promise<void>,
  ): Promise<{ request: ApprovalRequest; created: boolean }> {
    return this.db.transaction(async tx => {
      const key = {
        component_ref: o.componentRef,
        environment: o.environment,
        release_id: o.releaseId,
        state: 'pending',
      };
      const inserted = await tx('approvals')
        .insert({
          ...key,
          from_environment: o.fromEnvironment,
          requested_by: o.requestedBy,
        })
        .onConflict()
        .ignore()
        .returning('id');
      if (inserted.length === 0) {
        const pending = await tx('approvals').where(key).first();
        // Read committed: the twin that made the insert a no-op may have been decided since.
        if (!pending)
          throw new ConflictError(
            `the pending approval request for release ${shortReleaseId(
              o.releaseId,
            )} into ${
              o.environment
            } was decided while this promotion was joining it; look at its outcome, and promote again if it is still needed`,
          );
        return { request: fromRow(pending), created: false };
      }
      const id = typeof inserted[0] === 'object' ? inserted[0].id : inserted[0];
      const request = fromRow(await tx('approvals').where({ id }).first());
      if (onCreated) await onCreated(tx, request);
      return { request, created: true };
    });
  }

  async get(id: number): Promise<ApprovalRequest | undefined> {
    const row = await this.db('approvals').where({ id }).first();
    return row && fromRow(row);
  }

  async list(componentRef: string): Promise<ApprovalRequest[]> {
    const rows = await this.db('approvals')
      .where({ component_ref: componentRef })
      .orderBy('id', 'desc');
    return rows.map(fromRow);
  }

  /**
   * Decides a pending request. `onDecided` runs in the same transaction (it deploys the
   * release, or records the denial), so a decision is never recorded without its consequence
   * or the other way round.
   */
  async decide(
    o: {
      id: number;
      state: 'approved' | 'denied';
      actor: string;
      comment?: string;
    },
    onDecided?: (
      tx: Knex.Transaction,
      approval: ApprovalRequest,
    ) => Promise<void>,
  ): Promise<ApprovalRequest> {
    return this.db.transaction(async tx => {
      const updated = await tx('approvals')
        .where({ id: o.id, state: 'pending' })
        .update({
          state: o.state,
          decided_by: o.actor,
          decided_at: tx.fn.now(),
          comment: o.comment ?? null,
        });
      const row = await tx('approvals').where({ id: o.id }).first();
      if (!row) throw new NotFoundError(`no approval request ${o.id}`);
      if (updated === 0) {
        throw new ConflictError(
          `approval request ${o.id} was already ${row.state} by ${row.decided_by}`,
        );
      }
      const approval = fromRow(row);
      if (onDecided) await onDecided(tx, approval);
      return approval;
    });
  }
}

function fromRow(row: any): ApprovalRequest {
  return {
    id: Number(row.id),
    componentRef: row.component_ref,
    environment: row.environment,
    fromEnvironment: row.from_environment,
    releaseId: row.release_id,
    requestedBy: row.requested_by,
    requestedAt: iso(row.requested_at),
    state: row.state,
    decidedBy: row.decided_by ?? undefined,
    decidedAt: row.decided_at ? iso(row.decided_at) : undefined,
    comment: row.comment ?? undefined,
  };
}
