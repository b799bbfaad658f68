import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * The async resources that keep a process alive: connections (their TCP handles) and timers.
 * Not TLSWRAP: Node reports it destroyed only when it is garbage collected, long after its TCP
 * handle, which every TLS connection has beneath it, has closed.
 */
const TRACKED_TYPES = new Set(['TCPWRAP', 'Timeout']);

/**
 * Tracks the connections and timers that code run under {@link OpenResourceTracker.run}
 * opens, directly or from any continuation of it (a promise, a timer, a socket callback).
 *
 * Why not `process.getActiveResourcesInfo()` before and after: it counts the whole process,
 * and the integration tests share one process, file after file. A retry loop another test
 * file left running holds a timer at one moment and a request the next, so a before/after
 * count blames the code under test for it now and then. Attributing by async context counts
 * only what the code under test opened.
 */
export class OpenResourceTracker {
  private readonly context = new AsyncLocalStorage<true>();
  private readonly open = new Map<number, { type: string; resource: object }>();
  private readonly hook = createHook({
    init: (asyncId, type, _triggerAsyncId, resource) => {
      if (TRACKED_TYPES.has(type) && this.context.getStore())
        this.open.set(asyncId, { type, resource });
    },
    destroy: asyncId => {
      this.open.delete(asyncId);
    },
  });

  /** Runs `fn`, tracking what it and its continuations open. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    this.hook.enable();
    return this.context.run(true, fn);
  }

  /**
   * The types of the tracked resources still open: connections not closed, timers pending and
   * referenced (an unref'd timer does not keep the process alive). Node reports a closed handle
   * a few event-loop turns later, so this gives it up to `settleMs` to do so.
   */
  async stillOpen(settleMs = 1000): Promise<string[]> {
    const deadline = Date.now() + settleMs;
    let open = this.current();
    while (open.length > 0 && Date.now() < deadline) {
      await nextTurn();
      open = this.current();
    }
    return open;
  }

  /** Stops tracking; call it in `afterEach`, the hook costs every async operation. */
  dispose(): void {
    this.hook.disable();
    this.open.clear();
  }

  private current(): string[] {
    return [...this.open.values()]
      .filter(({ type, resource }) => type !== 'Timeout' || isPending(resource))
      .map(({ type }) => type)
      .sort();
  }
}

/** A timer that has neither fired nor been cleared, and keeps the event loop alive. */
function isPending(timer: object): boolean {
  const { hasRef, _destroyed } = timer as {
    hasRef?: () => boolean;
    _destroyed?: boolean;
  };
  return !_destroyed && (hasRef?.call(timer) ?? true);
}
