import { publicErrorText } from '../redaction/redact';

/**
 * Why a target's live state could not be read, in words for the deployment's status: the
 * cluster named, and whether it could not be reached at all (an outage: connection refused,
 * reset, timed out, name or TLS failure) or answered with an error.
 *
 * Transport failures are recognised by shape, as the drift watches do: Node's errors and
 * client-node's FetchError carry a string `code` (ECONNREFUSED …), on the error or its cause.
 */
export function describeUnreadableCluster(
  target: string,
  error: unknown,
): string {
  // Anyone who may read the deployment reads this: no URL credentials, headers or tokens.
  const message = publicErrorText(messageOf(error));
  if (transportCode(error)) {
    // client-node wraps Node's message: "request to https://… failed, reason: connect …".
    const reason = /reason: (.+)$/.exec(message)?.[1] ?? message;
    return `cluster ${target} unreachable: ${reason}`;
  }
  return `cluster ${target} did not report the live state: ${message}`;
}

/** The request never reached the cluster (refused, timed out, no route): true of every request. */
export function isUnreachable(error: unknown): boolean {
  return transportCode(error) !== undefined;
}

function transportCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 3; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ||
    typeof (error as { message?: unknown })?.message === 'string'
    ? (error as { message: string }).message
    : String(error);
}
