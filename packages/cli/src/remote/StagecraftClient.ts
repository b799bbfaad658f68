import { ExitCode } from '../ExitCode';
import { isLoopback } from './loopback';
import { BackendErrorBody, errorForStatus, RemoteError } from './RemoteError';
import { readServerSentEvents, ServerSentEvent } from './serverSentEvents';

/** Where the backend is and who calls it. */
export interface StagecraftClientOptions {
  /** The backend's base URL, e.g. http://localhost:7007. */
  url: string;
  /** A Backstage token, sent as `Authorization: Bearer`; none when absent. */
  token?: string;
  /** How long one request may take before the backend counts as unreachable. */
  timeoutMs?: number;
}

/** The deployment whose logs are streamed, as the REST path names it. */
export interface LogStreamTarget {
  namespace: string;
  name: string;
  environment: string;
}

/** The query of the REST log stream (see the backend's docs/api.md). */
export type LogStreamQuery = Record<
  string,
  string | number | boolean | undefined
>;

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The CLI's one way to the backend: Stagecraft's actions in the actions registry (the same the
 * MCP tools and scaffolder run, so there is one implementation of every rule) and the REST log
 * stream for `logs -f`, which an action cannot return. Every failure is a RemoteError whose
 * message says what to do.
 */
export class StagecraftClient {
  readonly url: string;

  constructor(private readonly options: StagecraftClientOptions) {
    this.url = baseUrlOf(options.url, Boolean(options.token));
  }

  /** Invokes `stagecraft:<name>` with `input` and resolves to its output. */
  async invoke<T = unknown>(name: string, input: object): Promise<T> {
    const action = `stagecraft:${name}`;
    const response = await this.request(
      `/api/stagecraft/.backstage/actions/v1/actions/${action}/invoke`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(
          this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ),
      },
      action,
    );
    const body = (await this.json(response)) as { output?: T };
    if (!body || typeof body !== 'object' || !('output' in body))
      throw this.notStagecraft(response.status);
    return body.output as T;
  }

  /**
   * The events of a deployment's log stream, as they arrive, until the backend ends it or
   * `signal` aborts (then the iteration just stops). Refusals (permission, unknown pod) come
   * before the stream, as RemoteErrors; so does a stream that breaks off.
   */
  async *streamLogs(
    target: LogStreamTarget,
    query: LogStreamQuery,
    signal: AbortSignal,
  ): AsyncGenerator<ServerSentEvent> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) search.set(key, String(value));
    const path = `/api/stagecraft/components/${encodeURIComponent(
      target.namespace,
    )}/${encodeURIComponent(target.name)}/deployments/${encodeURIComponent(
      target.environment,
    )}/logs?${search}`;
    const response = await this.request(path, {
      headers: { Accept: 'text/event-stream' },
      signal,
    });
    if (!response.headers.get('content-type')?.startsWith('text/event-stream'))
      throw this.notStagecraft(response.status);
    try {
      yield* readServerSentEvents(response.body!);
    } catch (error) {
      if (signal.aborted) return;
      throw new RemoteError(
        `the log stream from ${this.url} broke off (${reasonOf(
          error,
        )}): run the command again`,
        ExitCode.Unreachable,
      );
    }
  }

  /** Sends a request; an error status becomes a RemoteError with the backend's message. */
  private async request(
    path: string,
    init: RequestInit,
    action?: string,
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.options.token)
      headers.set('Authorization', `Bearer ${this.options.token}`);
    let response: Response;
    try {
      // Never follow a redirect: it would carry the token to wherever it points. The backend
      // does not redirect its API; a 3xx means --url is something else.
      response = await fetch(`${this.url}${path}`, {
        ...init,
        headers,
        redirect: 'manual',
      });
    } catch (error) {
      throw this.unreachable(error);
    }
    if (response.ok) return response;
    const body = (await this.json(response)) as BackendErrorBody;
    if (!body?.error) throw this.notStagecraft(response.status);
    throw errorForStatus(response.status, body, {
      url: this.url,
      hasToken: Boolean(this.options.token),
      action,
    });
  }

  private async json(response: Response): Promise<unknown> {
    if (!response.headers.get('content-type')?.includes('application/json'))
      throw this.notStagecraft(response.status);
    try {
      return await response.json();
    } catch (error) {
      throw this.unreachable(error);
    }
  }

  private unreachable(error: unknown): RemoteError {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return new RemoteError(
        `Stagecraft at ${this.url} did not answer in time: is it overloaded, or is --url another server?`,
        ExitCode.Unreachable,
      );
    }
    return new RemoteError(
      `cannot reach Stagecraft at ${this.url} (${reasonOf(
        error,
      )}): is \`yarn start\` running? set --url`,
      ExitCode.Unreachable,
    );
  }

  private notStagecraft(status: number): RemoteError {
    return new RemoteError(
      `${this.url} answered ${status}, but not as Stagecraft's backend does: set --url to the backend's address (e.g. http://localhost:7007, not the frontend's)`,
      ExitCode.Unreachable,
    );
  }
}

/** The base URL without a trailing slash; anything but http(s) is a usage error. */
function baseUrlOf(url: string, sendsToken: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RemoteError(
      `--url ${JSON.stringify(
        url,
      )} is not a URL: use e.g. http://localhost:7007`,
      ExitCode.Usage,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new RemoteError(
      `--url must be an http or https URL, not ${parsed.protocol}`,
      ExitCode.Usage,
    );
  if (parsed.username || parsed.password)
    throw new RemoteError(
      '--url must not carry credentials: set STAGECRAFT_TOKEN instead',
      ExitCode.Usage,
    );
  // A bearer token over plain http can be read by anyone on the path; only this machine's
  // own loopback is safe without TLS (the local `yarn start`).
  if (sendsToken && parsed.protocol === 'http:' && !isLoopback(parsed.hostname))
    throw new RemoteError(
      `--url ${parsed.origin} is plain http to another machine, which would expose the token: use https`,
      ExitCode.Usage,
    );
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');
}

/** The short reason of a network error (ECONNREFUSED, ENOTFOUND…), never its stack. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })
    ?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
