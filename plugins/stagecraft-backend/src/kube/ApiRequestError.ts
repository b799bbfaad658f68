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

/** The most of a body that is not a `Status` (a proxy's HTML page, say) a message quotes. */
const MAX_QUOTED = 1024;

/** The message of a `Status` body, or the start of the text when it is not one. */
function statusMessage(body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: string }).message;
    if (message !== undefined) return message;
  } catch {
    // Not JSON: quoted below.
  }
  const text = body.trim();
  if (!text) return 'no message';
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text;
}
