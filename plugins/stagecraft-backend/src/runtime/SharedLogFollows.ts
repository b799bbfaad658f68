import type { LogLine } from '@stagecraft/plugin-stagecraft-common';
import type { PodLogRequest } from './podLogLines';

/** Opens one container's log; resolves once the API server has answered. */
export type PodLogOpener = (
  request: PodLogRequest,
  signal: AbortSignal,
) => Promise<AsyncIterable<LogLine>>;

/** Options of {@link SharedLogFollows}. */
export interface SharedLogFollowsOptions {
  /** Lines that may wait for one slow client before its stream is ended. Default 1000. */
  maxQueuedLines: number;
  /**
   * Characters of text that may wait for one slow client. Lines are up to 64 Ki characters
   * long, so a bound in lines alone would let one client hold 128 MB. Default 1 Mi.
   */
  maxQueuedChars: number;
}

/** One client of a shared follow: the live lines it has not taken yet. */
class Subscriber {
  readonly queue: LogLine[] = [];
  /** Text characters in the queue. */
  queuedChars = 0;
  ended = false;
  error?: Error;
  private wake?: () => void;

  push(line: LogLine) {
    this.queue.push(line);
    this.queuedChars += line.text.length;
    this.notify();
  }

  /** The next queued line, if any. */
  take(): LogLine | undefined {
    const line = this.queue.shift();
    if (line) this.queuedChars -= line.text.length;
    return line;
  }

  end(error?: Error) {
    if (this.ended) return;
    this.ended = true;
    this.error = error;
    this.notify();
  }

  /** Resolves at the next push or end. */
  next(): Promise<void> {
    return new Promise(resolve => {
      this.wake = resolve;
    });
  }

  private notify() {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

/** One upstream follow and the clients reading it. */
interface Follow {
  subscribers: Set<Subscriber>;
  controller: AbortController;
  /** Resolves once the API server answered; rejects when it refused. */
  connected: Promise<void>;
  /** Resolves once the upstream connection is closed. */
  done: Promise<void>;
}

/** A line as the client asked for it: with or without the kubelet's timestamp. */
function shown(line: LogLine, timestamps: boolean): LogLine {
  if (timestamps) return line;
  const { timestamp: _, ...rest } = line;
  return rest;
}

/**
 * The newest line a client's history had, to skip live lines it already got: older by kubelet
 * timestamp, or of the same instant and text. Once a live line is newer, none after can be
 * older, and the check stops.
 */
class HistoryMark {
  private last?: string;
  private atLast = new Set<string>();

  add(line: LogLine) {
    if (!line.timestamp) return;
    const at = sortableTimestamp(line.timestamp);
    if (this.last === undefined || at > this.last) {
      this.last = at;
      this.atLast = new Set([line.text]);
    } else if (at === this.last) this.atLast.add(line.text);
  }

  covers(line: LogLine): boolean {
    if (this.last === undefined || !line.timestamp) return false;
    const at = sortableTimestamp(line.timestamp);
    const covered =
      at < this.last || (at === this.last && this.atLast.has(line.text));
    if (at > this.last) this.last = undefined;
    return covered;
  }
}

/**
 * An RFC 3339 time that sorts as text: the kubelet writes RFC3339Nano, which drops trailing
 * zeros of the fraction (`.5Z` is after `.123Z`), so the fraction is padded to nine digits.
 */
export function sortableTimestamp(timestamp: string): string {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(
    timestamp,
  );
  return match
    ? `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}${match[3]}`
    : timestamp;
}

/**
 * Live logs with one upstream follow per container, however many clients watch it.
 *
 * @remarks
 * Every `follow` request to the pod log API holds a connection through the API server to the
 * kubelet, and the kubelet a file watch (an inotify instance, 128 per user by default on a
 * node); a popular component's Logs tab opened by many people, or one hostile client opening
 * streams in a loop, would hold one of each per stream and container. Here a client joins the
 * container's follow (started by the first, closed when the last leaves), reads its own
 * history with a request that does not follow, then the live lines it missed meanwhile,
 * without those the history already had (by kubelet timestamp). A client reading slower than
 * the pod writes no longer pauses the upstream for everyone: up to `maxQueuedLines` (and
 * `maxQueuedChars`) wait for
 * it, then its stream ends with an error saying so.
 */
export class SharedLogFollows {
  private readonly follows = new Map<string, Follow>();
  private readonly options: SharedLogFollowsOptions;

  constructor(
    private readonly open: PodLogOpener,
    options: Partial<SharedLogFollowsOptions> = {},
  ) {
    this.options = {
      maxQueuedLines: 1000,
      maxQueuedChars: 1024 * 1024,
      ...options,
    };
  }

  /** The upstream follows open now (for tests and figures). */
  get upstreams(): number {
    return this.follows.size;
  }

  /**
   * The container's history (`tailLines`, `sinceSeconds`) and, with `follow`, its live lines,
   * until the log ends or `signal` aborts.
   */
  async *lines(
    request: PodLogRequest,
    signal: AbortSignal,
  ): AsyncGenerator<LogLine> {
    if (!request.follow) {
      yield* await this.open(request, signal);
      return;
    }
    const key = `${request.namespace}/${request.pod}/${request.container}`;
    const subscriber = new Subscriber();
    const follow = this.join(key, request, subscriber);
    const onAbort = () => subscriber.end();
    signal.addEventListener('abort', onAbort);
    try {
      // A client leaving while the API server has not answered yet must not wait for it.
      if (!signal.aborted)
        await Promise.race([follow.connected, subscriber.next()]);
      if (signal.aborted) return;
      await follow.connected;
      const history = new HistoryMark();
      if (request.tailLines > 0) {
        const lines = await this.open(
          { ...request, follow: false, timestamps: true },
          signal,
        );
        for await (const line of lines) {
          history.add(line);
          yield shown(line, request.timestamps);
        }
      }
      while (!signal.aborted) {
        const line = subscriber.take();
        if (line) {
          if (!history.covers(line)) yield shown(line, request.timestamps);
        } else if (subscriber.ended) {
          if (subscriber.error) throw subscriber.error;
          return;
        } else await subscriber.next();
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      await this.leave(key, follow, subscriber);
    }
  }

  /** Closes every upstream follow; resolves once their connections are closed. */
  async stop(): Promise<void> {
    const follows = [...this.follows.values()];
    this.follows.clear();
    for (const follow of follows) follow.controller.abort();
    await Promise.all(follows.map(follow => follow.done));
  }

  private join(
    key: string,
    request: PodLogRequest,
    subscriber: Subscriber,
  ): Follow {
    let follow = this.follows.get(key);
    if (!follow) {
      follow = this.start(key, request);
      this.follows.set(key, follow);
    }
    follow.subscribers.add(subscriber);
    return follow;
  }

  private start(key: string, request: PodLogRequest): Follow {
    const controller = new AbortController();
    const subscribers = new Set<Subscriber>();
    const opened = this.open(
      {
        namespace: request.namespace,
        pod: request.pod,
        container: request.container,
        tailLines: 0,
        follow: true,
        timestamps: true,
      },
      controller.signal,
    );
    const connected = opened.then(() => undefined);
    // Awaited by every subscriber; this keeps a refusal nobody waits for from going unhandled.
    connected.catch(() => undefined);
    const follow: Follow = {
      subscribers,
      controller,
      connected,
      done: opened
        .then(async lines => {
          for await (const line of lines)
            for (const subscriber of subscribers)
              this.deliver(follow, subscriber, line);
        })
        .then(
          () => this.finish(key, follow),
          (error: Error) => this.finish(key, follow, error),
        ),
    };
    return follow;
  }

  /** Queues a line for one client, or ends the client's stream when it fell too far behind. */
  private deliver(follow: Follow, subscriber: Subscriber, line: LogLine) {
    const { maxQueuedLines, maxQueuedChars } = this.options;
    if (
      subscriber.queue.length < maxQueuedLines &&
      subscriber.queuedChars + line.text.length <= maxQueuedChars
    ) {
      subscriber.push(line);
      return;
    }
    follow.subscribers.delete(subscriber);
    subscriber.end(
      new Error(
        `the client fell more than ${maxQueuedLines} lines or ${maxQueuedChars} characters behind this log; open the stream again to go on`,
      ),
    );
  }

  /** The upstream ended (the container stopped) or failed: so do its clients' streams. */
  private finish(key: string, follow: Follow, error?: Error) {
    if (this.follows.get(key) === follow) this.follows.delete(key);
    for (const subscriber of follow.subscribers) subscriber.end(error);
    follow.subscribers.clear();
  }

  /** The last client to leave closes the upstream, and waits until its connection is closed. */
  private async leave(key: string, follow: Follow, subscriber: Subscriber) {
    follow.subscribers.delete(subscriber);
    if (follow.subscribers.size > 0) return;
    if (this.follows.get(key) === follow) this.follows.delete(key);
    follow.controller.abort();
    await follow.done;
  }
}
