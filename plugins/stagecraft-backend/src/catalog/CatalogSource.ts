import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ServiceUnavailableError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  COMPILE_FIELDS,
  compileView,
  DEPLOY_RELEVANT_KINDS,
} from '@stagecraft/plugin-stagecraft-node';
import {
  CatalogGuardSettings,
  CatalogHold,
  judgeCatalogRead,
} from './CatalogGuard';
import { CatalogSnapshot } from './CatalogSnapshot';
import { catalogFingerprint } from './catalogFingerprint';

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
 * The fingerprint of the newest catalog read any replica made (plugin database,
 * CatalogReadStampStore): how a replica learns that another one's trigger pass read a change.
 */
export interface CatalogReadStamps {
  latest(): Promise<string | undefined>;
  record(fingerprint: string): Promise<void>;
}

/** How often a replica looks at the shared stamp while it serves a read (one row). */
const STAMP_CHECK_MS = 2_000;

interface CachedRead {
  at: number;
  snapshot: Promise<CatalogSnapshot>;
  fingerprint: Promise<string>;
}

/**
 * Reads the entities the control plane compiles from the catalog, as the plugin's own service
 * principal, and shares one snapshot between reconciles: a resync of a thousand deployments must
 * not fetch the catalog a thousand times. The snapshot is kept until a catalog trigger pass
 * invalidates it (every intent event, the poll and `stagecraft deploy` run one, so a change
 * reaches the reconciles at once) or `maxAgeMs` passes (what no event announces: a deleted
 * entity). It was kept 2 s once: at 5,000 components the busy control plane then read all
 * 7,603 entities every ~5 s, which took half its CPU and most of its allocation churn
 * (docs/benchmarks.md § memory). A pass runs on one replica only, so every read's fingerprint is
 * shared through the plugin database (`stamps`); a replica serving an older read than the newest
 * one looks there at most every 2 s and reads again when it differs. Otherwise a replica would
 * compile and apply from a catalog up to `maxAgeMs` older than its neighbour's, and the two
 * would undo each other's applies until it expired.
 *
 * Every reader — the catalog trigger (events and poll), the reconciles (resync, drift, REST
 * changes) and the REST reads — gets its catalog here, so this is the one place that guards
 * against a catalog that suddenly lost much of itself: such a read is held back (judgeCatalogRead),
 * the last complete read is served instead, marked with the hold, and nothing that vanished is
 * pruned or re-planned. Without a complete read to fall back on (just started), a held read
 * fails every reader with the hold's message rather than act on it.
 */
export class CatalogSource {
  private cached?: CachedRead;
  /** The fingerprint this replica last saw in, or wrote to, the shared stamp. */
  private knownStamp?: string;
  private stampCheckedAt = 0;
  private stampCheck?: Promise<void>;
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
    /** Without it (one process, tests) no other replica's read is followed. */
    private readonly stamps?: CatalogReadStamps,
  ) {}

  /**
   * The shared read; `maxAgeMs` asks for one at most that old (e.g. before refusing a name
   * the read does not have). Concurrent callers share one fetch.
   */
  async snapshot(o: { maxAgeMs?: number } = {}): Promise<CatalogSnapshot> {
    await this.followOtherReplicas();
    const maxAge = Math.min(this.maxAgeMs, o.maxAgeMs ?? Infinity);
    const now = Date.now();
    if (!this.cached || now - this.cached.at > maxAge) {
      const read = this.read(now);
      this.cached = read;
      // A failed fetch must not be served from the cache.
      read.snapshot.catch(() => {
        if (this.cached === read) this.cached = undefined;
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

  private read(at: number): CachedRead {
    const items = this.fetchItems();
    const fingerprint = items.then(catalogFingerprint);
    fingerprint.then(
      fp => this.share(fp),
      () => undefined,
    );
    const snapshot = items.then(fetched => {
      const fresh = new CatalogSnapshot(fetched);
      return this.guard ? this.guarded(fresh, this.guard) : fresh;
    });
    return { at, snapshot, fingerprint };
  }

  private async fetchItems() {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: [...DEPLOY_RELEVANT_KINDS] },
        // Not relations or status: nothing here reads them, an Environment's relations (one
        // or two per component deployed to it) made it the largest entity of every read, and
        // their new order after a neighbour's processing changed the etag, which the resync
        // took for a catalog change (steadyState's plan inputs).
        fields: COMPILE_FIELDS,
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return items.map(compileView);
  }

  /** Tells the other replicas of a read they may not have; best effort, like the check. */
  private async share(fingerprint: string) {
    if (!this.stamps || fingerprint === this.knownStamp) return;
    this.knownStamp = fingerprint;
    await this.stamps.record(fingerprint).catch(() => undefined);
  }

  /**
   * Drops the read served when the shared stamp names another (a newer read by another
   * replica); looks at most every `STAMP_CHECK_MS`, and not at a read younger than that.
   * Callers meanwhile wait for the look in flight. A failed look changes nothing.
   */
  private followOtherReplicas(): Promise<void> {
    const cached = this.cached;
    const now = Date.now();
    if (
      !this.stamps ||
      !cached ||
      now - cached.at < STAMP_CHECK_MS ||
      now - this.stampCheckedAt < STAMP_CHECK_MS
    )
      return this.stampCheck ?? Promise.resolve();
    const stamps = this.stamps;
    this.stampCheckedAt = now;
    this.stampCheck = (async () => {
      const [latest, mine] = await Promise.all([
        stamps.latest(),
        cached.fingerprint,
      ]);
      if (latest === undefined) return;
      this.knownStamp = latest;
      if (latest !== mine && this.cached === cached) this.cached = undefined;
    })()
      .catch(() => undefined)
      .finally(() => {
        this.stampCheck = undefined;
      });
    return this.stampCheck;
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
