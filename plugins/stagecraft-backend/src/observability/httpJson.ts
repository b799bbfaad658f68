import { ObservabilityUnavailableError } from '@stagecraft/plugin-stagecraft-node';

/** How a provider reaches its server. */
export interface HttpJsonOptions {
  headers?: Record<string, string>;
  timeoutMs: number;
  /** Names the server in reasons, e.g. `the metrics server`. */
  server: string;
  signal?: AbortSignal;
}

/**
 * GETs JSON from a telemetry server. Every failure becomes an
 * {@link ObservabilityUnavailableError} whose message names the status or the failure's kind
 * only: a server's error body may echo the query, internal hosts or the credentials it was
 * sent, so it is never read, relayed or logged.
 */
export async function getJson(
  url: URL,
  { headers, timeoutMs, server, signal }: HttpJsonOptions,
): Promise<unknown> {
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json', ...headers },
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      redirect: 'error',
    });
  } catch {
    throw new ObservabilityUnavailableError(
      timeout.aborted
        ? `unavailable: ${server} did not answer within ${timeoutMs / 1000} s`
        : `unavailable: ${server} could not be reached`,
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new ObservabilityUnavailableError(
      `unavailable: ${response.status} from ${server}`,
    );
  }
  try {
    return await response.json();
  } catch {
    throw new ObservabilityUnavailableError(
      `unavailable: ${server} answered something that is not JSON`,
    );
  }
}

/** A base URL and a path joined, keeping a base path (`https://host/prometheus` + `/api/v1/…`). */
export function endpoint(
  base: string,
  path: string,
  query: Record<string, string>,
): URL {
  const url = new URL(`${base.replace(/\/+$/, '')}${path}`);
  for (const [key, value] of Object.entries(query))
    url.searchParams.set(key, value);
  return url;
}
