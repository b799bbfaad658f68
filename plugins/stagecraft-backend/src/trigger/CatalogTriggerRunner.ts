import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { CatalogSource } from '../catalog/CatalogSource';
import type { DeploymentStore } from '../database/DeploymentStore';
import type { LeaseStore } from '../database/LeaseStore';
import type { StatusStore } from '../database/StatusStore';
import type { DeploymentKey } from '../deployment/DeploymentKey';
import { CatalogTriggerMemory, runCatalogTrigger } from './catalogTrigger';

/** The lease every pass holds, on every replica: no two passes compare and deploy at once. */
export const CATALOG_TRIGGER_LEASE = 'catalog-trigger';
const LEASE_TTL_MS = 60_000;
const LEASE_RETRY_MS = 100;
/** The longest rest between two passes (see `restBeforeNextPass`). */
const MAX_REST_MS = 5_000;

/** Time, for tests to control. */
export interface TriggerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: TriggerClock = {
  now: () => Date.now(),
  sleep: ms => new Promise(r => setTimeout(r, ms)),
};

export interface CatalogTriggerPass {
  released: number;
  deployed: number;
}

/**
 * Runs passes of the catalog trigger for both callers: the intent events (at once) and the poll
 * (the safety net). Passes never overlap: in this process they are chained, and across replicas
 * each holds the `catalog-trigger` lease in the plugin database. Two replicas comparing the same
 * new release at once would both see it as new and deploy it twice; one after the other, the
 * second finds the catalog head already recorded and does nothing.
 *
 * Requests coalesce: a call while a pass runs is answered by one more pass after it (which reads
 * the catalog afresh, so it sees the change that asked), shared by every call made meanwhile.
 */
export class CatalogTriggerRunner {
  private memory?: CatalogTriggerMemory;
  private inFlight?: Promise<CatalogTriggerPass>;
  private queued?: Promise<CatalogTriggerPass>;
  private lastPass?: { endedAt: number; tookMs: number };
  private readonly holder = `${hostname()}-${process.pid}-${randomBytes(
    3,
  ).toString('hex')}-trigger`;

  constructor(
    private readonly deps: {
      catalogSource: Pick<CatalogSource, 'snapshot' | 'invalidate'>;
      store: DeploymentStore;
      status: Pick<StatusStore, 'save'>;
      leases: Pick<LeaseStore, 'tryAcquire' | 'release'>;
      enqueue: (key: DeploymentKey) => void;
      logger: LoggerService;
      auditor: AuditorService;
      clock?: TriggerClock;
    },
  ) {}

  private get clock() {
    return this.deps.clock ?? realClock;
  }

  /** One pass that starts after this call; resolves with what it released and deployed. */
  run(): Promise<CatalogTriggerPass> {
    if (!this.queued) {
      const before = this.inFlight ?? Promise.resolve();
      const next = before
        .catch(() => undefined)
        .then(() => this.restBeforeNextPass())
        .then(() => {
          this.queued = undefined;
          this.inFlight = this.pass();
          return this.inFlight;
        });
      this.queued = next;
    }
    return this.queued;
  }

  /**
   * After a pass, the next starts no sooner than the pass took (at most `MAX_REST_MS`), and
   * calls meanwhile join it. An edit after a quiet spell starts at once; a stream of intent
   * events (a bulk import: one per entity processed) gets passes at most half the time, each
   * reading the whole catalog, not back to back: at 5,000 components the passes read all
   * 7,603 entities every ~3.6 s while the catalog ingested.
   */
  private async restBeforeNextPass() {
    if (!this.lastPass) return;
    const { endedAt, tookMs } = this.lastPass;
    const rest = endedAt + Math.min(tookMs, MAX_REST_MS) - this.clock.now();
    if (rest > 0) await this.clock.sleep(rest);
  }

  private async pass(): Promise<CatalogTriggerPass> {
    const { leases, logger } = this.deps;
    // Another replica's pass may have read the catalog before the change: wait for it rather
    // than skip, so this pass's read comes after.
    while (
      !(await leases.tryAcquire(
        CATALOG_TRIGGER_LEASE,
        this.holder,
        LEASE_TTL_MS,
      ))
    )
      await new Promise(r => setTimeout(r, LEASE_RETRY_MS));
    const renew = setInterval(() => {
      leases
        .tryAcquire(CATALOG_TRIGGER_LEASE, this.holder, LEASE_TTL_MS)
        .catch(error =>
          logger.warn(`could not renew the catalog trigger lease: ${error}`),
        );
    }, LEASE_TTL_MS / 3);
    const startedAt = this.clock.now();
    try {
      this.deps.catalogSource.invalidate();
      const result = await runCatalogTrigger({
        catalog: await this.deps.catalogSource.snapshot(),
        store: this.deps.store,
        enqueue: this.deps.enqueue,
        status: this.deps.status,
        logger,
        auditor: this.deps.auditor,
        previous: this.memory,
      });
      this.memory = result.memory;
      if (result.released > 0)
        logger.info(
          `catalog trigger: ${result.released} new release(s), ${result.deployed} deployed to their first environment`,
        );
      return { released: result.released, deployed: result.deployed };
    } finally {
      const endedAt = this.clock.now();
      this.lastPass = { endedAt, tookMs: endedAt - startedAt };
      clearInterval(renew);
      await leases
        .release(CATALOG_TRIGGER_LEASE, this.holder)
        .catch(error =>
          logger.warn(`could not release the catalog trigger lease: ${error}`),
        );
    }
  }
}
