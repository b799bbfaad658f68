import { Knex } from 'knex';

/**
 * Per-deployment leases in the plugin database, so backend replicas sharing one database never
 * reconcile the same deployment at once.
 *
 * Why the database and not Kubernetes Leases: a deployment may target a GitOps directory or a
 * cluster that is unreachable right now, and replicas already share this database; a lease must
 * be obtainable exactly when the reconcile could run. Why not the Backstage scheduler: its tasks
 * are global singletons, which would funnel every reconcile through one replica; leases per
 * deployment let replicas share the work.
 *
 * Taking a lease is one atomic statement on SQLite and PostgreSQL: an insert that claims a free
 * key and, on conflict, takes over an expired lease or renews one's own. One statement rather
 * than an insert and an update: every reconcile takes a lease, so this is the statement the
 * control plane sends most.
 */
export class LeaseStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes or renews the lease; false when another holder's lease is still valid. */
  async tryAcquire(
    key: string,
    holder: string,
    ttlMs: number,
  ): Promise<boolean> {
    const now = this.now();
    // Only a row inserted or updated is returned: none when the WHERE of the update refused.
    const taken = await this.db('deployment_leases')
      .insert({ lease_key: key, holder, expires_at_ms: now + ttlMs })
      .onConflict('lease_key')
      .merge(['holder', 'expires_at_ms'])
      .where(q =>
        q
          .where('deployment_leases.holder', holder)
          .orWhere('deployment_leases.expires_at_ms', '<', now),
      )
      .returning('lease_key');
    return taken.length > 0;
  }

  /** The keys whose lease some holder has and has not let expire: one read. */
  async heldKeys(): Promise<Set<string>> {
    const rows: { lease_key: string }[] = await this.db('deployment_leases')
      .where('expires_at_ms', '>=', this.now())
      .select('lease_key');
    return new Set(rows.map(r => r.lease_key));
  }

  /** Gives the lease up, if this holder still has it. */
  async release(key: string, holder: string): Promise<void> {
    await this.db('deployment_leases')
      .where({ lease_key: key, holder })
      .delete();
  }
}
