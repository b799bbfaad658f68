import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DEPLOY_RELEVANT_KINDS } from '@stagecraft/plugin-stagecraft-node';
import {
  CatalogGuardSettings,
  CatalogHold,
  judgeCatalogRead,
} from './CatalogGuard';
import { CatalogSnapshot } from './CatalogSnapshot';

/** What the guard against a vanishing catalog needs (docs/events.md, "When the catalog empties"). */
export interface CatalogGuardDeps {
  /** Refs of the components deployed (desired state `deployed`) in any environment. */
  deployed: () => Promise<string[]>;
  settings: () => CatalogGuardSettings;
  logger: LoggerService;
  auditor: AuditorService;
  /**
   * Deletions accepted by token (plugin database, AcceptedDeletionStore): left out of the
   * deployed components the guard counts, so an accepted deletion stays accepted after a
   * restart and on every replica, although its deployments stay `deployed`.
   */
  acceptedDeletions: {
    list(): Promise<string[]>;
    record(refs: string[], token: string): Promise<void>;
    forget(refs: string[]): Promise<void>;
  };
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Reads the entities the control plane compiles from the catalog, as the plugin's own service
 * principal, and shares one snapshot between reconciles: a resync of a thousand deployments must
 * not fetch the catalog a thousand times. The snapshot is kept until a catalog trigger pass
 * invalidates it (every intent event, the poll and `stagecraft deploy` run one, so a change
 * reaches the reconciles at once) or `maxAgeMs` passes (what no event announces: a deleted
 * entity, a change another replica handled). It was kept 2 s once: at 5,000 components the
 * busy control plane then read all 7,603 entities every ~5 s, which took half its CPU and most of
 * its allocation churn (docs/benchmarks.md § memory).
 *
 * Every reader — the catalog trigger (events and poll), the reconciles (resync, drift, REST
 * changes) and the REST reads — gets its catalog here, so this is the one place that guards
 * against a catalog that suddenly lost much of itself: such a read is held back (judgeCatalogRead),
 * the last complete read is served instead, marked with the hold, and nothing that vanished is
 * pruned or re-planned. Without a complete read to fall back on (just started), a held read
 * fails every reader with the hold's message rather than act on it.
 */
export class CatalogSource {
  private cached?: { at: number; snapshot: Promise<CatalogSnapshot> };
  /** The last read acted on; served while a later read is held back. */
  private accepted?: CatalogSnapshot;
  private hold?: CatalogHold;
  /** Accepted deletions as last read from the database, to forget those that come back. */
  private acceptedDeletions = new Set<string>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly maxAgeMs = 2_000,
    /** Without it every read is served as it is (tests, tools). */
    private readonly guard?: CatalogGuardDeps,
  ) {}

  snapshot(): Promise<CatalogSnapshot> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.maxAgeMs) {
      const snapshot = this.fetch();
      this.cached = { at: now, snapshot };
      // A failed fetch must not be served from the cache.
      snapshot.catch(() => {
        if (this.cached?.snapshot === snapshot) this.cached = undefined;
      });
    }
    return this.cached.snapshot;
  }

  /** Drops the cached snapshot, e.g. when someone asks for a refresh. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** The read held back now, if any. */
  currentHold(): CatalogHold | undefined {
    return this.hold;
  }

  private async fetch(): Promise<CatalogSnapshot> {
    const { items } = await this.catalog.getEntities(
      { filter: { kind: [...DEPLOY_RELEVANT_KINDS] } },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    const fresh = new CatalogSnapshot(items);
    return this.guard ? this.guarded(fresh, this.guard) : fresh;
  }

  private async guarded(
    fresh: CatalogSnapshot,
    guard: CatalogGuardDeps,
  ): Promise<CatalogSnapshot> {
    const previous = this.accepted;
    // The common case costs no database read: nothing the last read had is missing.
    const lost =
      !previous ||
      previous.entities.some(
        e => fresh.get(stringifyEntityRef(e)) === undefined,
      );
    if (!lost) return this.accept(fresh, guard);
    this.acceptedDeletions = new Set(await guard.acceptedDeletions.list());
    const deployed = (await guard.deployed())
      .map(lower)
      .filter(ref => !this.acceptedDeletions.has(ref));
    const judgement = judgeCatalogRead({
      fresh,
      previous,
      deployed,
      settings: guard.settings(),
      current: this.hold,
    });
    if (!judgement.held) {
      const { overridden } = judgement;
      if (overridden) {
        // Every deployed component absent is part of what the operator accepted, also one
        // deleted earlier: after a restart none of them may count against the catalog again.
        const accepted = [
          ...overridden.vanished,
          ...deployed.filter(ref => fresh.get(ref) === undefined),
        ];
        await guard.acceptedDeletions.record(accepted, overridden.token);
        accepted.forEach(ref => this.acceptedDeletions.add(ref));
        await report(guard, 'catalog-change-accepted', overridden);
      }
      return this.accept(fresh, guard);
    }
    const { hold } = judgement;
    if (this.hold?.token !== hold.token)
      await report(guard, 'catalog-change-held', hold);
    this.hold = hold;
    if (!previous) throw new ServiceUnavailableError(hold.message);
    previous.heldBack = hold;
    return previous;
  }

  private async accept(fresh: CatalogSnapshot, guard: CatalogGuardDeps) {
    // An accepted deletion undone (the entity is back): vanishing again is a new change.
    const back = [...this.acceptedDeletions].filter(
      ref => fresh.get(ref) !== undefined,
    );
    if (back.length > 0) {
      await guard.acceptedDeletions.forget(back);
      back.forEach(ref => this.acceptedDeletions.delete(ref));
    }
    if (this.hold) {
      guard.logger.info(
        `catalog change no longer held back (${this.hold.token}): the catalog is read as it is again`,
      );
      this.hold = undefined;
    }
    this.accepted = fresh;
    return fresh;
  }
}

/** One warning and one audit event per distinct hold, and per deliberate acceptance. */
async function report(
  guard: CatalogGuardDeps,
  eventId: 'catalog-change-held' | 'catalog-change-accepted',
  hold: CatalogHold,
) {
  const meta = {
    token: hold.token,
    vanishedCount: hold.vanished.length,
    vanished: hold.vanished.slice(0, 20),
  };
  if (eventId === 'catalog-change-held') guard.logger.warn(hold.message);
  else
    guard.logger.warn(
      `catalog change accepted by stagecraft.catalogGuard.accept (${hold.token}): ${hold.vanished.length} vanished entities are now acted on`,
    );
  const event = await guard.auditor.createEvent({
    eventId,
    severityLevel: 'high',
    meta,
  });
  await event.success({ meta });
}
