/**
 * The API server answered a request with a non-2xx status. Shaped like client-node's
 * `ApiException` (`code`, `body` as text), so `apiMessage` and `isNotFound` read both alike.
 */
export class ApiRequestError extends Error {
  constructor(
    method: string,
    path: string,
    readonly code: number,
    readonly body: string,
  ) {
    super(`${method} ${path} failed with HTTP ${code}: ${statusMessage(body)}`);
    this.name = 'ApiRequestError';
  }
}

/** The message of a `Status` body, or the text when it is not one (a proxy's page, say). */
function statusMessage(body: string): string {
  try {
    return (JSON.parse(body) as { message?: string }).message ?? body;
  } catch {
    return body.trim() || 'no message';
  }
}
