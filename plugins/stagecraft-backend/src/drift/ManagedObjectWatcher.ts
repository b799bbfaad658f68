import { KubeConfig } from '@kubernetes/client-node';
import {
  MANAGED_KINDS,
  WATCHED_KINDS,
} from '@stagecraft/plugin-stagecraft-node';
import { formatRef } from '../apply/ChangeSet';
import { LiveStateCache } from '../apply/LiveStateCache';
import { BackoffOptions, DEFAULT_BACKOFF } from '../watch/backoff';
import { KindWatcher, WatcherLogger } from '../watch/KindWatcher';
import { WatchedKind } from '../kube/watchedKinds';
import { ManagedObjectEvent } from '../watch/ManagedObjectEvent';
import { HttpResourceClient } from '../kube/ResourceClient';
import { WarningThrottle } from '../watch/WarningThrottle';

/** Options of {@link ManagedObjectWatcher}. */
export interface ManagedObjectWatcherOptions {
  /** The cluster to watch: its current context. */
  kubeConfig: KubeConfig;
  logger: WatcherLogger;
  /**
   * Receives every change to a managed object: the initial list as ADDED, then watch events,
   * and after a relist the differences as synthetic events. Exceptions are logged, not raised.
   */
  onEvent: (event: ManagedObjectEvent) => void;
  /** Waits between re-establishing lists and watches. Defaults to {@link DEFAULT_BACKOFF}. */
  backoff?: BackoffOptions;
  /**
   * The applier's cache of this cluster (`ServerSideApplier.liveState`): fed every event before
   * `onEvent`, and answering only while every watch here is current. The managed kinds that are
   * not watched for drift (the shared Namespaces) are then watched for it alone.
   */
  liveState?: LiveStateCache;
  /**
   * Called once each time the watches are current again after a failure (an outage of the
   * API server, a relist after expired versions), once for all kinds: what could not be
   * applied meanwhile can be retried now rather than on its backoff.
   */
  onReconnected?: () => void;
}

/** How long the same failure stays quiet in the log after it was reported. */
const WARNING_INTERVAL_MS = 5 * 60_000;

/**
 * Watches every kind Stagecraft watches for drift (`WATCHED_KINDS`, from the table of managed
 * kinds), in all namespaces, selecting objects labelled `app.kubernetes.io/managed-by=stagecraft`,
 * and keeps doing so through watch timeouts, expired resourceVersions, kinds the cluster does
 * not serve and API server outages.
 *
 * @remarks
 * client-node's `makeInformer` (a `ListWatch`) does not fit: it stops on any error other than
 * 410 and leaves retrying, without backoff, to the caller; a `stop()` during its initial list
 * still opens the watch afterwards; it caches whole objects where versions suffice; and its
 * `start()` resolves the same whether the list worked or failed. Each kind here runs its own
 * {@link KindWatcher} loop instead, on a transport `stop()` can cancel at any point.
 */
export class ManagedObjectWatcher {
  private readonly kinds: KindWatcher[];
  /** Kinds watched only to keep `liveState` current; their events go nowhere else. */
  private readonly cacheOnly: KindWatcher[];
  private running?: { controller: AbortController; loops: Promise<void>[] };
  private readonly liveState?: LiveStateCache;
  private readonly logger: WatcherLogger;
  /** Current at some point, then not: `onReconnected` is due when current again. */
  private interrupted = false;
  private wasCurrent = false;

  constructor(options: ManagedObjectWatcherOptions) {
    const { kubeConfig, logger, onEvent, liveState } = options;
    this.liveState = liveState;
    this.logger = logger;
    const context = {
      client: new HttpResourceClient(kubeConfig),
      emit: guarded(event => {
        liveState?.observe(event);
        onEvent(event);
      }, logger),
      logger,
      throttle: new WarningThrottle(
        message => logger.warn(message),
        WARNING_INTERVAL_MS,
      ),
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      server: kubeConfig.getCurrentCluster()?.server ?? 'unknown',
      changed: () => this.currentChanged(options.onReconnected),
    };
    this.kinds = WATCHED_KINDS.map(kind => new KindWatcher(kind, context));
    const observe = (event: ManagedObjectEvent) => liveState?.observe(event);
    this.cacheOnly = liveState
      ? MANAGED_KINDS.filter(kind => !kind.watched).map(
          kind =>
            new KindWatcher(kind, {
              ...context,
              emit: guarded(observe, logger),
            }),
        )
      : [];
  }

  /**
   * Starts watching. Resolves once every kind has listed once or failed to (the cluster may be
   * unreachable: the watcher keeps retrying in the background); never rejects for that. After
   * `stop()` it may be started again and resumes from the versions it had seen.
   */
  async start(): Promise<void> {
    if (this.running) throw new Error('the watcher is already running');
    const controller = new AbortController();
    const loops: Promise<void>[] = [];
    const settled = [...this.kinds, ...this.cacheOnly].map(
      kind =>
        new Promise<void>(resolve =>
          loops.push(kind.run(controller.signal, resolve)),
        ),
    );
    this.running = { controller, loops };
    this.liveState?.attach({
      kinds: [...this.kinds, ...this.cacheOnly].map(watcher => watcher.kind),
      current: () => this.current(),
    });
    await Promise.all(settled);
  }

  private currentChanged(onReconnected?: () => void): void {
    if (!this.running) return;
    const current = this.current();
    if (!current) {
      this.interrupted ||= this.wasCurrent;
      return;
    }
    this.wasCurrent = true;
    if (!this.interrupted) return;
    this.interrupted = false;
    try {
      onReconnected?.();
    } catch (error) {
      this.logger.error('onReconnected failed', error as Error);
    }
  }

  /** Aborts every list, watch and pending retry, and resolves when all have wound down. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.controller.abort();
    await Promise.all(running.loops);
  }

  /** The kinds watched: the table of managed kinds' watched rows. */
  get watchedKinds(): WatchedKind[] {
    return this.kinds.map(watcher => watcher.kind);
  }

  /** True once every kind the cluster serves has been listed at least once. */
  synced(): boolean {
    return this.kinds.every(kind => kind.synced);
  }

  /**
   * True while running and every kind's watch is current (see `KindWatcher.current`): what it
   * delivered is the cluster's state, up to the events in flight.
   */
  current(): boolean {
    return (
      this.running !== undefined &&
      [...this.kinds, ...this.cacheOnly].every(kind => kind.current)
    );
  }
}

/** `onEvent`, with its exceptions logged instead of unwinding the watch that delivered them. */
function guarded(
  onEvent: (event: ManagedObjectEvent) => void,
  logger: WatcherLogger,
): (event: ManagedObjectEvent) => void {
  return event => {
    try {
      onEvent(event);
    } catch (error) {
      const ref = formatRef({ ...event.object, kind: event.object.kind ?? '' });
      logger.error(`handling ${event.type} of ${ref} failed`, error as Error);
    }
  };
}
