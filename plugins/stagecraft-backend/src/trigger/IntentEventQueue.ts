import type { LoggerService } from '@backstage/backend-plugin-api';
import type { IntentChangedEvent } from '@stagecraft/plugin-stagecraft-node';

/** How long an event waits for the catalog to serve the version it announces. */
const VISIBILITY_TIMEOUT_MS = 10_000;
const FIRST_LOOK_MS = 20;
const LONGEST_LOOK_MS = 400;
/**
 * At most this many entities wait for their announced version. A flood beyond it (forged, or a
 * bulk import) is dropped and answered by one pass over the whole catalog, which handles every
 * change the dropped events announced without waiting or reading them one by one.
 */
export const MAX_PENDING = 1000;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

interface Pending {
  hash: string | null;
  processedAt: number;
  deadline: number;
}

/**
 * Turns the catalog module's intent events into catalog trigger passes at once.
 *
 * The catalog processes an entity before it serves it (stitching follows, within about a
 * second), so a pass run on the event alone could read the old version and do nothing. Each
 * event therefore waits until the catalog serves the hash it announces — or a timeout, after
 * which a pass runs anyway (an entity whose processing failed is never served as announced) —
 * and the events ready together share one pass. The pass compares as always, so a duplicate,
 * stale or forged event costs a no-op pass, never a release.
 */
export class IntentEventQueue {
  private readonly pending = new Map<string, Pending>();
  /** The pending events overflowed: one pass runs without waiting for any version. */
  private overflowed = false;
  private draining?: Promise<void>;

  constructor(
    private readonly deps: {
      /** `deployRelevantHash` of each ref as the catalog serves it now (null: absent). */
      currentHashes: (refs: string[]) => Promise<Map<string, string | null>>;
      runTrigger: () => Promise<{ released: number; deployed: number }>;
      logger: LoggerService;
      now?: () => number;
      visibilityTimeoutMs?: number;
    },
  ) {}

  onEvent(event: IntentChangedEvent): void {
    const now = this.now();
    if (
      !this.pending.has(event.entityRef) &&
      this.pending.size >= MAX_PENDING
    ) {
      this.pending.clear();
      this.overflowed = true;
    } else
      this.pending.set(event.entityRef, {
        hash: event.hash,
        processedAt: event.processedAt,
        deadline:
          now + (this.deps.visibilityTimeoutMs ?? VISIBILITY_TIMEOUT_MS),
      });
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  /** Resolves once every event received so far has been answered by a pass. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private async drain(): Promise<void> {
    // Events delivered together (a file with several entities) share the first look.
    await new Promise(r => setImmediate(r));
    let wait = FIRST_LOOK_MS;
    while (this.pending.size > 0 || this.overflowed) {
      if (this.overflowed) {
        this.overflowed = false;
        await this.runPass(
          `an overflow of change events (over ${MAX_PENDING} waiting)`,
        );
        continue;
      }
      const ready = await this.readyEvents();
      if (ready.length === 0) {
        await sleep(wait);
        wait = Math.min(wait * 2, LONGEST_LOOK_MS);
        continue;
      }
      wait = FIRST_LOOK_MS;
      // A newer event for the same entity arrived while we looked: it waits for its own hash.
      for (const [ref, entry] of ready)
        if (this.pending.get(ref) === entry) this.pending.delete(ref);
      const slowest = Math.max(...ready.map(([, e]) => e.processedAt));
      await this.runPass(
        `catalog change of ${ready.map(([ref]) => ref).join(', ')}`,
        slowest,
      );
    }
  }

  private async runPass(what: string, processedAt?: number): Promise<void> {
    try {
      const { released, deployed } = await this.deps.runTrigger();
      const latency =
        processedAt === undefined
          ? ''
          : ` ${this.now() - processedAt} ms after processing`;
      this.deps.logger.info(
        `${what} handled${latency}: ${released} new release(s), ${deployed} deployed`,
      );
    } catch (error) {
      // The poll retries; an event is only a hint.
      this.deps.logger.warn(`catalog trigger after ${what} failed: ${error}`);
    }
  }

  private async readyEvents(): Promise<[string, Pending][]> {
    const entries = [...this.pending.entries()];
    let served = new Map<string, string | null>();
    try {
      served = await this.deps.currentHashes(entries.map(([ref]) => ref));
    } catch (error) {
      this.deps.logger.warn(
        `cannot read the catalog for change events: ${error}`,
      );
    }
    const now = this.now();
    return entries.filter(
      ([ref, e]) =>
        (served.has(ref) && served.get(ref) === e.hash) || now >= e.deadline,
    );
  }
}
