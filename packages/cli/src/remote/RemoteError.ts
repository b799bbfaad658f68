import { ExitCode } from '../ExitCode';

/**
 * A remote command that cannot go on: its message says what to do (it is printed as is, never
 * with a stack trace) and its exit code tells a script what kind of failure it was.
 */
export class RemoteError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'RemoteError';
  }
}

/** What the backend answered with an error status: Backstage's `{ error: { name, message } }`. */
export interface BackendErrorBody {
  error?: { name?: unknown; message?: unknown; cause?: { message?: unknown } };
}

/**
 * The message of a backend error body, with the reasons of an input validation (the actions
 * registry puts zod's issues, as JSON, in the cause) as `field: reason` pairs.
 */
export function backendMessage(body: BackendErrorBody, status: number): string {
  const message =
    typeof body.error?.message === 'string'
      ? body.error.message
      : `the backend answered ${status}`;
  const cause = body.error?.cause?.message;
  if (typeof cause !== 'string') return message;
  // Backstage's errors append their cause to the message; it is worded better below.
  const own = message.split('; caused by ')[0];
  try {
    const issues = JSON.parse(cause) as {
      path?: unknown[];
      message?: string;
    }[];
    if (Array.isArray(issues) && issues.length > 0) {
      const reasons = issues.map(
        i => `${(i.path ?? []).join('.') || 'input'}: ${i.message}`,
      );
      return `${own}: ${reasons.join('; ')}`;
    }
  } catch {
    // Not zod's issues: the message alone says it.
  }
  return `${own}: ${cause}`;
}

/**
 * Turns an error answer of the backend into a RemoteError: the backend's own message for what
 * only it knows (NotFound, the pipeline rule), advice for what the user can fix here.
 */
export function errorForStatus(
  status: number,
  body: BackendErrorBody,
  o: { url: string; hasToken: boolean; action?: string },
): RemoteError {
  const message = backendMessage(body, status);
  if (status === 401) {
    return new RemoteError(
      o.hasToken
        ? 'the backend refused the token: set STAGECRAFT_TOKEN to a token from docs/agents.md'
        : 'the backend needs a token: set STAGECRAFT_TOKEN (or --token) to a token from docs/agents.md',
      ExitCode.NotAllowed,
    );
  }
  if (status === 403) return new RemoteError(message, ExitCode.NotAllowed);
  if (status === 404) {
    // The registry's own 404: this backend does not offer the action (or hides it).
    if (o.action && message === `Action "${o.action}" not found`) {
      return new RemoteError(
        `the backend at ${o.url} has no action ${o.action}: update Stagecraft there, or check that backend.actions.pluginSources lists stagecraft`,
        ExitCode.NotFound,
      );
    }
    return new RemoteError(message, ExitCode.NotFound);
  }
  if (status === 400) return new RemoteError(message, ExitCode.Usage);
  return new RemoteError(message, ExitCode.Failed);
}
