import { LoggerService } from '@backstage/backend-plugin-api';
import { abortableDelay, backoffDelay, BackoffOptions } from './backoff';
import { isGone, isNotServed, KubeApiError } from '../kube/KubeApiError';
import { collectionPath, formatKind, WatchedKind } from '../kube/watchedKinds';
import { ManagedObjectEvent } from './ManagedObjectEvent';
import { objectKey, relistEvents } from './resourceVersions';
import { RawWatchEvent, ResourceClient } from '../kube/ResourceClient';
import { WarningThrottle } from './WarningThrottle';

/** The part of Backstage's logger the watcher writes to. */
export type WatcherLogger = Pick<LoggerService, 'info' | 'warn' | 'error'>;

/** What a {@link KindWatcher} needs from its owner. */
export interface KindWatcherContext {
  client: ResourceClient;
  /** Receives every event; must not throw. */
  emit: (event: ManagedObjectEvent) => void;
  logger: WatcherLogger;
  /** Shared by all kinds, so one outage is one warning, not one per kind. */
  throttle: WarningThrottle;
  backoff: BackoffOptions;
  /** The API server's address, for messages. */
  server: string;
  /** Told whenever `current` may have changed: a list, a watch accepted, a failure. */
  changed?: () => void;
}

/** Throttle key of failures to reach the server at all; shared by every kind. */
const UNREACHABLE = 'unreachable';

/**
 * Keeps one kind's managed objects under watch until aborted: list, watch from the list's
 * resourceVersion, resume from the last version seen whenever the watch ends, relist when that
 * version has expired (410), and back off while the server fails or cannot be reached.
 */
export class KindWatcher {
  /** Where the next watch starts; undefined means list first. */
  private resourceVersion: string | undefined;
  private versions = new Map<string, string>();
  /** Consecutive failures since the last watch the server accepted. */
  private failures = 0;
  private lastFailureKey = UNREACHABLE;
  private notServed = false;
  private listed = false;
  /** The last watch ended routinely and the next one was started without a wait. */
  private resumedAtOnce = false;

  constructor(
    readonly kind: WatchedKind,
    private readonly context: KindWatcherContext,
  ) {}

  /** True once the kind has been listed, or found not served by this cluster. */
  get synced(): boolean {
    return this.listed || this.notServed;
  }

  /**
   * True while what was delivered is the kind's state: listed, no relist pending and no failure
   * since the last watch the server accepted (a watch closed routinely resumes where it ended,
   * losing nothing). Or not served, so there is nothing of it.
   */
  get current(): boolean {
    if (this.notServed) return true;
    return (
      this.listed && this.resourceVersion !== undefined && this.failures === 0
    );
  }

  /**
   * Watches until `signal` aborts; never rejects. `onSettled` is called after the first list
   * (or watch, when resuming) succeeds or fails.
   */
  async run(signal: AbortSignal, onSettled: () => void): Promise<void> {
    while (!signal.aborted) {
      const wait = await this.round(signal, onSettled);
      await abortableDelay(wait, signal);
    }
  }

  /** Lists if needed, then watches until the stream ends; returns how long to wait next. */
  private async round(
    signal: AbortSignal,
    onSettled: () => void,
  ): Promise<number> {
    try {
      if (this.resourceVersion === undefined) await this.relist(signal);
      onSettled();
      const events = await this.context.client.watch(
        this.kind,
        this.resourceVersion ?? '',
        signal,
      );
      this.connected();
      const opened = Date.now();
      for await (const event of events) this.handle(event);
      // The server closed the watch: its timeout, or the server going away. Resume at once, so
      // a server that is gone is found out now (and `current` turns false) rather than after a
      // wait in which the cache would still answer as current. A watch shorter than
      // `initialMs` that was itself an immediate resume is followed by the wait, so a server
      // that closes every watch at once is asked at most twice per `initialMs`, not in a loop.
      const longLived = Date.now() - opened >= this.context.backoff.initialMs;
      if (longLived || !this.resumedAtOnce) {
        this.resumedAtOnce = true;
        return 0;
      }
      this.resumedAtOnce = false;
      return this.context.backoff.initialMs;
    } catch (error) {
      onSettled();
      return signal.aborted ? 0 : this.failed(error);
    }
  }

  /** Lists afresh and emits what changed since the versions known before. */
  private async relist(signal: AbortSignal): Promise<void> {
    const list = await this.context.client.list(this.kind, signal);
    const { events, versions } = relistEvents(
      this.kind,
      this.versions,
      list.items,
    );
    this.versions = versions;
    this.resourceVersion = list.resourceVersion;
    this.listed = true;
    if (this.notServed) {
      this.notServed = false;
      this.context.logger.info(
        `${formatKind(this.kind)} is served now; watching it`,
      );
    }
    for (const event of events) this.context.emit(event);
    this.context.changed?.();
  }

  private handle(event: RawWatchEvent): void {
    if (event.type === 'ERROR') {
      // The server reports a failed watch in the stream; 410 here means "relist".
      throw new KubeApiError(
        collectionPath(this.kind),
        event.object.code ?? 500,
        event.object.message ?? 'watch error',
      );
    }
    this.resourceVersion =
      event.object.metadata?.resourceVersion ?? this.resourceVersion;
    if (event.type === 'BOOKMARK') return;
    const key = objectKey(event.object);
    if (event.type === 'DELETED') this.versions.delete(key);
    else this.versions.set(key, this.resourceVersion ?? '');
    this.context.emit({ type: event.type, object: event.object });
  }

  private connected(): void {
    if (this.failures === 0) return;
    const attempts = this.failures;
    this.failures = 0;
    this.context.logger.info(
      `${formatKind(
        this.kind,
      )}: watching again after ${attempts} failed attempt(s)`,
    );
    this.context.throttle.reset(this.lastFailureKey);
    this.context.changed?.();
  }

  /** Records a failure, reports it as it deserves and returns the wait before the next try. */
  private failed(error: unknown): number {
    const wait = this.backoffAfter(error);
    this.context.changed?.();
    return wait;
  }

  private backoffAfter(error: unknown): number {
    const { backoff, logger, throttle } = this.context;
    if (isGone(error)) {
      // Not an outage: the server no longer has our version. Relisting recovers every change.
      this.resourceVersion = undefined;
      return backoffDelay(this.failures, backoff);
    }
    if (isNotServed(error)) {
      this.resourceVersion = undefined;
      if (!this.notServed) {
        this.notServed = true;
        const { server } = this.context;
        logger.warn(
          `${formatKind(
            this.kind,
          )} is not served by ${server} (is its CRD installed?); skipping it and checking again every ${
            backoff.maxMs
          } ms`,
        );
      }
      return backoff.maxMs;
    }
    this.lastFailureKey = failureKey(this.kind, error);
    throttle.report(this.lastFailureKey, this.describe(error));
    this.failures += 1;
    return backoffDelay(this.failures - 1, backoff);
  }

  private describe(error: unknown): string {
    const retry = `retrying with backoff up to ${this.context.backoff.maxMs} ms`;
    if (isTransportFailure(error)) {
      const reason = `${error.code}: ${error.message}`;
      return `Kubernetes API ${this.context.server} is unreachable (${reason}); watches of Stagecraft-managed objects are ${retry}`;
    }
    const kind = formatKind(this.kind);
    const message = (error as { message?: string })?.message ?? String(error);
    return `${kind}: list or watch failed: ${message}; ${retry}`;
  }
}

/**
 * Node's errors for connections that fail (ECONNREFUSED, ECONNRESET, TLS …) carry a string
 * code. Checked by shape: errors from Node's internals fail `instanceof Error` under Jest.
 */
function isTransportFailure(
  error: unknown,
): error is { code: string; message: string } {
  return typeof (error as { code?: unknown } | undefined)?.code === 'string';
}

/** Transport failures are reported once for the server; the rest per kind and status. */
function failureKey(kind: WatchedKind, error: unknown): string {
  if (isTransportFailure(error)) return UNREACHABLE;
  const status = error instanceof KubeApiError ? error.statusCode : 'error';
  return `${kind.apiVersion}/${kind.kind}:${status}`;
}
