import { LoggerService } from '@backstage/backend-plugin-api';
import { isError, stringifyError } from '@backstage/errors';
import { ErrorRequestHandler } from 'express';
import { randomBytes } from 'node:crypto';

/**
 * The `@backstage/errors` types the routes and actions throw on purpose, with messages written
 * for the caller. Backstage's error handler gives each its status code.
 */
const CALLER_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
]);

/**
 * The message a caller error was thrown with. `@backstage/errors` appends `; caused by …` with
 * the cause's own message, which may be anything a library said (a query, a host, a token).
 */
function ownMessage(error: Error): string {
  const { cause } = error as Error & { cause?: unknown };
  const suffix =
    cause === undefined ? '' : `; caused by ${stringifyError(cause)}`;
  return suffix && error.message.endsWith(suffix)
    ? error.message.slice(0, -suffix.length)
    : error.message;
}

/**
 * An error as the response may show it: its name and message, and the stack only when
 * `showStackTraces`. Everything else an error carries is dropped: Backstage serialises every
 * own property (a Kubernetes client error's response `body` and `headers`, a `path`) and the
 * `cause` with its message.
 */
function forResponse(
  name: string,
  message: string,
  stack: string | undefined,
): Error {
  const clean = new Error(message);
  clean.name = name;
  if (stack) clean.stack = stack;
  else delete clean.stack;
  return clean;
}

/**
 * The last error handler of the plugin's router, ahead of Backstage's. Errors meant for the
 * caller go on with their name and message; anything else (a database, Kubernetes or
 * programming error, whose message may name hosts, queries or credentials) is logged here
 * with an id and answered as a 500 that says only that id. Stacks, with their absolute paths,
 * reach a response only when `showStackTraces` (Backstage's rule: in development).
 */
export function hideInternalErrors(o: {
  logger: LoggerService;
  showStackTraces: boolean;
}): ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (isError(error) && CALLER_ERRORS.has(error.name)) {
      const message = ownMessage(error);
      // What the response leaves out stays in the log, for whoever operates the backend.
      if (message !== error.message)
        o.logger.warn(
          `${req.method} ${req.baseUrl}${req.path}: ${error.name} answered without its cause`,
          error,
        );
      const stack = o.showStackTraces ? error.stack : undefined;
      return next(forResponse(error.name, message, stack));
    }
    const logId = randomBytes(8).toString('hex');
    o.logger.error(
      `${req.method} ${req.baseUrl}${req.path} failed (logId=${logId})`,
      isError(error) ? error : new Error(String(error)),
    );
    return next(
      forResponse(
        'Error',
        `An internal error occurred (logId=${logId})`,
        undefined,
      ),
    );
  };
}
