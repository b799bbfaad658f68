import {
  AuthenticationError,
  ConflictError,
  InputError,
  isError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';

/** The `@backstage/errors` types a Stagecraft refusal is re-thrown as, by the remote name. */
const ERROR_TYPES: Record<string, new (message: string) => Error> = {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
};

/**
 * The error a scaffolder step fails with when the Stagecraft plugin refused or failed a call:
 * the same type as the control plane threw (NotAllowedError for a permission refusal, say),
 * with its message, which says what to do. The actions registry hands it over as a
 * `ResponseError` whose `cause` carries the remote name and message.
 */
export function stagecraftErrorOf(error: unknown, action: string): Error {
  if (error instanceof ResponseError) {
    const { name, message } = error.cause;
    const Type = ERROR_TYPES[name];
    if (Type) return new Type(`${action}: ${message}`);
    return new Error(
      `${action} failed (${error.statusCode} ${name}): ${message}`,
    );
  }
  return isError(error) ? error : new Error(`${action} failed: ${error}`);
}
