import { InputError, isError } from '@backstage/errors';
import { ErrorRequestHandler, Request } from 'express';

/**
 * How express-openapi-validator words a numeric parameter that failed its schema, e.g.
 * `request/query/tailLines must be integer` or `request/params/approvalId must be >= 1`.
 */
const NUMERIC_FAILURE =
  /^request\/(query|params)\/([A-Za-z0-9_]+) must be (?:integer|number|[<>]=? -?[\d.e+]+)$/;

/**
 * Where one failure ends and the next begins in the validator's message: it joins them with
 * ", " (Ajv's errorsText), and each starts with `request` and its path. A bare ", " would
 * also split inside a failure (`must be equal to one of the allowed values: a, b`).
 */
const BETWEEN_FAILURES = /, (?=request[/ ])/;

interface ParameterObject {
  name: string;
  in: string;
  schema?: { type?: string; minimum?: number; maximum?: number };
}

interface SpecWithParameters {
  components?: { parameters?: Record<string, unknown> };
}

/**
 * What a numeric parameter accepts, in words: `query parameter tailLines must be an integer
 * from 0 to 10000`. The range comes from the spec, so the message cannot disagree with it.
 */
export function describeNumericParameter(parameter: ParameterObject): string {
  const { minimum, maximum, type } = parameter.schema ?? {};
  const kind = type === 'integer' ? 'an integer' : 'a number';
  let range = '';
  if (minimum !== undefined && maximum !== undefined)
    range = ` from ${minimum} to ${maximum}`;
  else if (minimum !== undefined) range = ` of at least ${minimum}`;
  else if (maximum !== undefined) range = ` of at most ${maximum}`;
  const location = parameter.in === 'path' ? 'path' : 'query';
  return `${location} parameter ${parameter.name} must be ${kind}${range}`;
}

/** The parameters of the operation the validator matched, `$ref`s resolved against the spec. */
function operationParameters(
  req: Request,
  spec: SpecWithParameters,
): ParameterObject[] {
  const operation = (
    req as Request & { openapi?: { schema?: { parameters?: unknown[] } } }
  ).openapi?.schema;
  return (operation?.parameters ?? []).map(parameter => {
    const ref = (parameter as { $ref?: string }).$ref;
    const prefix = '#/components/parameters/';
    return (
      ref?.startsWith(prefix)
        ? spec.components?.parameters?.[ref.slice(prefix.length)]
        : parameter
    ) as ParameterObject;
  });
}

/** One failure of the validator's message, reworded if it is a numeric parameter's. */
function reworded(
  failure: string,
  parameters: ParameterObject[],
): string | undefined {
  const numeric = NUMERIC_FAILURE.exec(failure);
  if (!numeric) return undefined;
  const [, location, name] = numeric;
  const parameter = parameters.find(
    p =>
      p?.name === name && p.in === (location === 'params' ? 'path' : 'query'),
  );
  const type = parameter?.schema?.type;
  if (!parameter || (type !== 'integer' && type !== 'number')) return undefined;
  return describeNumericParameter(parameter);
}

/**
 * Rewords the validator's answer to bad numeric parameters. It says `must be integer` for
 * 1.5, "ten" and a repeated parameter alike, and `must be <= 10000` without the lower bound:
 * the caller learns one rule at a time. This states each one's whole allowed range at once,
 * for every failure of the message (the validator reports several when `allErrors` is on);
 * the others are kept as written. Failures are then joined with "; ".
 */
export function numericParameterErrors(
  spec: SpecWithParameters,
): ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (!isError(error) || error.name !== 'InputError') return next(error);
    const parameters = operationParameters(req, spec);
    const failures = error.message.split(BETWEEN_FAILURES);
    const rewritten = failures.map(failure => reworded(failure, parameters));
    if (rewritten.every(r => r === undefined)) return next(error);
    const message = [
      ...new Set(rewritten.map((r, i) => r ?? failures[i])),
    ].join('; ');
    return next(new InputError(message));
  };
}
