import { ServerResponse } from 'node:http';

/** Options of {@link ServerSentEvents}. */
export interface ServerSentEventsOptions {
  /**
   * How often a comment line is sent while nothing else is. Proxies and load balancers close
   * connections idle for 30–60 s; a quiet log must not end the stream. Default 15 s.
   */
  heartbeatMs: number;
}

export const DEFAULT_SERVER_SENT_EVENTS_OPTIONS: ServerSentEventsOptions = {
  heartbeatMs: 15_000,
};

/**
 * A `text/event-stream` response: named events with JSON data, heartbeats, backpressure, and a
 * signal that aborts when the client goes away.
 */
export class ServerSentEvents {
  private readonly controller = new AbortController();
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: ServerSentEventsOptions = DEFAULT_SERVER_SENT_EVENTS_OPTIONS,
  ) {}

  /** Aborts when the client disconnects or the stream ends: stop producing then. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Sends the headers at once, so the client sees the stream open before the first event. */
  open(): void {
    this.res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform keeps Backstage's compression middleware (and other proxies) from
      // buffering the stream to compress it; X-Accel-Buffering does the same for nginx.
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    this.res.flushHeaders();
    // Closes when the client goes away, and after end(): either way, nothing more to send.
    this.res.on('close', () => this.controller.abort());
    this.heartbeat = setInterval(
      () => this.res.write(': heartbeat\n\n'),
      this.options.heartbeatMs,
    );
    this.signal.addEventListener('abort', () => clearInterval(this.heartbeat));
    // A client that left while the stream was being prepared (permission check, cache warm-up)
    // fired 'close' before anyone listened: without this, upstream log requests and the
    // heartbeat would live on for a socket that is gone.
    if (this.res.destroyed || this.res.socket?.destroyed)
      this.controller.abort();
  }

  /**
   * Sends one event. Resolves at once while the client keeps up; when the socket's buffer is
   * full, only after it drained (or the client left), so a producer that awaits each send
   * stops reading its source meanwhile.
   */
  async send(event: string, data: unknown): Promise<void> {
    if (this.signal.aborted) return;
    const flowing = this.res.write(
      `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`,
    );
    if (!flowing) await this.drained();
  }

  /** Ends the response. */
  end(): void {
    clearInterval(this.heartbeat);
    if (!this.res.writableEnded) this.res.end();
    this.controller.abort();
  }

  private drained(): Promise<void> {
    return new Promise(resolve => {
      const done = () => {
        this.res.off('drain', done);
        this.signal.removeEventListener('abort', done);
        resolve();
      };
      this.res.on('drain', done);
      this.signal.addEventListener('abort', done);
    });
  }
}
