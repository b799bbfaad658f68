import { BackoffOptions } from '../watch/backoff';
import { KindWatcher, WatcherLogger } from '../watch/KindWatcher';
import { WatchedKind } from '../kube/watchedKinds';
import { ResourceClient, WatchScope } from '../kube/ResourceClient';
import { WarningThrottle } from '../watch/WarningThrottle';
import { ObjectCache, ObjectCacheOptions } from './ObjectCache';

/** What every {@link WatchedCache} of one cluster shares. */
export interface WatchedCacheContext {
  /** A client for one scope; HttpResourceClient in production, a script in unit tests. */
  clientFor(scope: WatchScope): ResourceClient;
  logger: WatcherLogger;
  /** Shared by all watches of the cluster, so one outage is one warning. */
  throttle: WarningThrottle;
  backoff: BackoffOptions;
  /** The API server's address, for messages. */
  server: string;
}

/**
 * An {@link ObjectCache} fed by a {@link KindWatcher}: the same list-then-watch loop, relists
 * and backoff as the drift watches, with the objects kept instead of their versions.
 */
export class WatchedCache<T> {
  readonly objects: ObjectCache<T>;
  private readonly watcher: KindWatcher;
  private running?: {
    controller: AbortController;
    loop: Promise<void>;
    settled: Promise<void>;
  };

  constructor(o: {
    kind: WatchedKind;
    scope: WatchScope;
    cache: ObjectCacheOptions<T>;
    context: WatchedCacheContext;
    /** Called after every event has been applied; must not throw. */
    onChange?: () => void;
  }) {
    const objects = new ObjectCache(o.cache);
    this.objects = objects;
    this.watcher = new KindWatcher(o.kind, {
      ...o.context,
      client: o.context.clientFor(o.scope),
      emit: event => {
        objects.apply(event);
        o.onChange?.();
      },
    });
  }

  /** True once the first list has succeeded. */
  get synced(): boolean {
    return this.watcher.synced;
  }

  /**
   * Starts the watch loop unless it runs already. Resolves once the first list has succeeded
   * or failed; the loop keeps retrying in the background either way.
   */
  start(): Promise<void> {
    if (!this.running) {
      const controller = new AbortController();
      let loop!: Promise<void>;
      const settled = new Promise<void>(resolve => {
        loop = this.watcher.run(controller.signal, resolve);
      });
      this.running = { controller, loop, settled };
    }
    return this.running.settled;
  }

  /** Aborts the list or watch in flight and resolves once its connection is closed. */
  async stop(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.running = undefined;
    running.controller.abort();
    await running.loop;
  }
}
