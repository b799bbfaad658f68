import { LoggerService } from '@backstage/backend-plugin-api';
import { CompilerExtensions } from '@stagecraft/plugin-stagecraft-node';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DeploymentStore } from '../database/DeploymentStore';
import { LeaseStore } from '../database/LeaseStore';
import { StatusStore } from '../database/StatusStore';
import { WorkQueue } from '../queue/WorkQueue';
import { reconcileDeployment, ReconcileResult } from './reconcileDeployment';
import {
  DeploymentKey,
  deploymentKeyString,
  parseDeploymentKey,
} from '../deployment/DeploymentKey';
import { DataPlane } from '../targets/DataPlane';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { DesiredObjects } from '../drift/DesiredObjects';
import { replanNeighboursOf } from './replanNeighboursOf';
import { PlannedPresence } from './PlannedPresence';
import { ManagedObjectEvent } from '../watch/ManagedObjectEvent';
import { targetNameOf } from '../catalog/targetNameOf';
import {
  planInputs,
  presenceByEnvironment,
  SteadyDeployments,
} from './steadyState';
import { deploymentsToResync } from './deploymentsToResync';

/** Tuning of the reconcile loop; app-config `stagecraft.reconcile`. */
export interface ControlPlaneOptions {
  /** Deployments reconciled at once by this replica. */
  concurrency: number;
  /**
   * How long a replica's claim on a deployment lasts without renewal (renewed every third of
   * it, one database write per deployment in flight). Work a dead replica held waits this long.
   */
  leaseTtlMs: number;
  /** When another replica holds a deployment, look again after this long. */
  leaseRetryMs: number;
  backoff: { baseMs: number; maxMs: number };
}

export const DEFAULT_CONTROL_PLANE_OPTIONS: ControlPlaneOptions = {
  concurrency: 8,
  // 15 s, renewed every 5 s: a killed replica's deployments are taken over within 15–30 s
  // (wiring/requeueUnclaimed) for ≤ concurrency / 5 lease writes per second per replica.
  leaseTtlMs: 15_000,
  leaseRetryMs: 2_000,
  backoff: { baseMs: 1_000, maxMs: 300_000 },
};

/** Observes reconciles, for tests, benchmarks and metrics. */
export interface ReconcileObserver {
  started?(key: DeploymentKey, holder: string): void;
  finished?(key: DeploymentKey, holder: string, result: ReconcileResult): void;
}

/**
 * The reconcile loop of one backend replica: a work queue of deployments (de-duplicated, with
 * exponential backoff on failure), each reconciled under a database lease so that replicas
 * sharing a database never work on the same deployment at once.
 */
export class ControlPlane {
  readonly holder = `${hostname()}-${process.pid}-${randomBytes(3).toString(
    'hex',
  )}`;
  private readonly queue: WorkQueue<string>;
  private readonly options: ControlPlaneOptions;
  private readonly desired = new DesiredObjects();
  private readonly steady = new SteadyDeployments();
  private readonly planned = new PlannedPresence();
  /** Who was deployed where at the last resync: a change replans, at rest or not. */
  private presence?: Map<string, string>;
  private readonly inProgress = new Set<string>();
  /** Watch events on deployments being reconciled: the latest per object, judged at the end. */
  private readonly heldEvents = new Map<
    string,
    Map<string, ManagedObjectEvent>
  >();

  constructor(
    private readonly deps: {
      store: DeploymentStore;
      status: StatusStore;
      leases: LeaseStore;
      catalog: () => Promise<CatalogSnapshot>;
      dataPlanes: ReadonlyMap<string, DataPlane>;
      logger: LoggerService;
      extensions?: CompilerExtensions;
      observer?: ReconcileObserver;
    },
    options: Partial<ControlPlaneOptions> = {},
  ) {
    this.options = { ...DEFAULT_CONTROL_PLANE_OPTIONS, ...options };
    this.queue = new WorkQueue<string>({
      backoff: {
        baseMs: this.options.backoff.baseMs,
        maxMs: this.options.backoff.maxMs,
      },
      onError: (key, error, attempt) =>
        this.deps.logger.warn(
          `reconcile of ${key} failed (attempt ${attempt}), retrying with backoff: ${
            error instanceof Error ? error.message : String(error)
          }`,
        ),
      // Recorded in the deployment's status; it runs again when it is queued again (a new
      // desired state, a re-plan, the periodic resync).
      onPermanentError: (key, error) =>
        this.deps.logger.info(
          `reconcile of ${key} cannot succeed as it is, not retrying: ${error.message}`,
        ),
    });
  }

  start(): void {
    this.queue.start(key => this.reconcileKey(key), {
      concurrency: this.options.concurrency,
    });
  }

  async stop(): Promise<void> {
    await this.queue.stop();
  }

  /** Queues a reconcile; a deployment already queued is not queued twice. */
  enqueue(key: DeploymentKey): void {
    this.queue.add(deploymentKeyString(key));
  }

  /**
   * Queues every deployment not known to be at rest (`deploymentsToResync`): the periodic
   * safety net behind the drift watches. Resolves with how many were queued.
   */
  async resync(): Promise<number> {
    const deployments = await this.deps.store.listDeployments();
    // Without a catalog nothing is known to be at rest: everything is queued, as before.
    const catalog = await this.deps.catalog().catch(() => undefined);
    const presence = presenceByEnvironment(deployments);
    const queued = deploymentsToResync({
      deployments,
      catalog,
      presenceBefore: this.presence,
      presence,
      steady: this.steady,
      planned: this.planned,
    });
    this.presence = presence;
    for (const d of queued) this.enqueue(d);
    return queued.length;
  }

  /**
   * A watch event on a managed object. Drift (a field we set changed, or the object deleted)
   * marks the deployment drifted and queues its reconcile; everything else costs nothing.
   */
  onWatchEvent(event: ManagedObjectEvent): void {
    const verdict = this.desired.judge(event.type, event.object);
    if (!verdict) return;
    // While a deployment is being reconciled its own writes arrive here, judged against the
    // previous desired set. They are held and judged again once the run has set the new one
    // (see settleHeldEvents): re-queueing on each would cost a second, no-op pass after every
    // release.
    if (this.inProgress.has(verdict.key)) {
      const held = this.heldEvents.get(verdict.key) ?? new Map();
      held.set(verdict.ref, event);
      this.heldEvents.set(verdict.key, held);
      return;
    }
    this.deps.logger.info(
      `drift on ${verdict.ref} (${verdict.key}): ${verdict.diffs
        .map(d => d.path)
        .join(', ')}`,
    );
    const key = parseDeploymentKey(verdict.key);
    this.deps.status
      .save({
        ...key,
        state: 'drifted',
        reason: `${verdict.ref}: ${verdict.diffs
          .map(d => d.path)
          .join(', ')} changed outside Stagecraft; correcting`,
      })
      .catch(error =>
        this.deps.logger.warn(
          `could not record drift of ${verdict.key}: ${error}`,
        ),
      );
    this.queue.add(verdict.key);
  }

  /**
   * The watch events that arrived during a run of `key`, judged against what the run left as
   * desired (the new set after an apply, the previous one after a failure): only an object
   * that still differs, changed by someone else meanwhile, queues one more run (the queue
   * runs it once the current run ends).
   */
  private settleHeldEvents(key: string): void {
    const held = this.heldEvents.get(key);
    this.heldEvents.delete(key);
    if (!held) return;
    const drifted = [...held.values()].some(
      e => this.desired.judge(e.type, e.object) !== undefined,
    );
    if (drifted) this.queue.add(key);
  }

  /** Resolves when nothing is queued or running (tests and benchmarks). */
  idle(): Promise<void> {
    return this.queue.onIdle();
  }

  private async reconcileKey(key: string): Promise<void> {
    const { leases, observer } = this.deps;
    const { leaseTtlMs } = this.options;
    if (!(await leases.tryAcquire(key, this.holder, leaseTtlMs))) {
      // Another replica is on it; look again later so a change made meanwhile is not lost.
      this.queue.addAfter(key, this.options.leaseRetryMs);
      return;
    }
    const renew = setInterval(() => {
      leases
        .tryAcquire(key, this.holder, leaseTtlMs)
        .catch(error =>
          this.deps.logger.warn(
            `could not renew the lease on ${key}: ${error}`,
          ),
        );
    }, leaseTtlMs / 3);
    const deploymentKey = parseDeploymentKey(key);
    this.inProgress.add(key);
    // Until it succeeds again, this deployment is not known to be at rest.
    this.steady.forget(key);
    this.planned.forget(key);
    try {
      observer?.started?.(deploymentKey, this.holder);
      const catalog = await this.deps.catalog();
      const result = await reconcileDeployment({
        key: deploymentKey,
        store: this.deps.store,
        status: this.deps.status,
        catalog,
        dataPlane: name => this.deps.dataPlanes.get(name),
        extensions: this.deps.extensions,
        planned: this.planned,
      });
      // A failed reconcile throws before this, so the drift watch keeps judging what was
      // applied last.
      if (result.outcome === 'applied' && result.plan)
        this.desired.set(key, result.plan.manifests);
      else this.desired.delete(key);
      if (result.outcome === 'applied') {
        const target = targetNameOf(catalog, deploymentKey.environment);
        this.steady.record(key, {
          inputs: planInputs(result.deployment, catalog),
          liveState:
            target === undefined
              ? undefined
              : this.deps.dataPlanes.get(target)?.cluster?.liveState,
          manifests: result.plan
            ? [...result.plan.shared, ...result.plan.manifests]
            : [],
        });
      } else this.steady.forget(key);
      // Before `finished` and within this run, so whoever waits for idle sees them queued.
      if (result.outcome === 'applied' && result.presenceChanged) {
        // The presence is recorded now, so a retry of this key would not come back here:
        // a failure only delays the neighbours until the periodic resync.
        await replanNeighboursOf(deploymentKey, {
          ...this.deps,
          catalog,
          enqueue: k => this.enqueue(k),
          planned: this.planned,
          reconciled: result,
        }).catch(error =>
          this.deps.logger.warn(
            `could not queue the neighbours of ${key} for re-planning; the next resync will: ${error}`,
          ),
        );
      }
      observer?.finished?.(deploymentKey, this.holder, result);
      if (result.outcome === 'applied' && result.drift > 0)
        this.deps.logger.info(
          `corrected ${result.drift} drifted field(s) of ${key}`,
        );
    } finally {
      this.settleHeldEvents(key);
      this.inProgress.delete(key);
      clearInterval(renew);
      await leases.release(key, this.holder).catch(() => undefined);
    }
  }
}
