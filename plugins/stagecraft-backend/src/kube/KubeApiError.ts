/** The API server answered a list or watch with a failure Status. */
export class KubeApiError extends Error {
  constructor(
    readonly path: string,
    readonly statusCode: number,
    message: string,
  ) {
    super(`GET ${path} failed with HTTP ${statusCode}: ${message}`);
    this.name = 'KubeApiError';
  }

  /** Builds the error from a response body, which is a `Status` when the server wrote it. */
  static fromBody(
    path: string,
    statusCode: number,
    body: string,
  ): KubeApiError {
    let message = body.trim();
    try {
      message = (JSON.parse(body) as { message?: string }).message ?? message;
    } catch {
      // Not a Status (a proxy's HTML page, say): keep the text.
    }
    return new KubeApiError(path, statusCode, message || 'no message');
  }
}

/** The resourceVersion a watch or list asked for is older than the server still keeps. */
export const isGone = (error: unknown): boolean =>
  error instanceof KubeApiError && error.statusCode === 410;

/** The collection is not served: its API group or CRD is not installed. */
export const isNotServed = (error: unknown): boolean =>
  error instanceof KubeApiError && error.statusCode === 404;
