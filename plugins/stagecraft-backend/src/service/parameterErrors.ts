import { InputError, isError } from '@backstage/errors';
import { ErrorRequestHandler, Request } from 'express';

/**
 * How express-openapi-validator words a numeric parameter that failed its schema, e.g.
 * `request/query/tailLines must be integer` or `request/params/approvalId must be >= 1`.
 */
const NUMERIC_FAILURE =
  /^request\/(query|params)\/([A-Za-z0-9_]+) must be (?:integer|number|[<>]=? -?[\d.e+]+)$/;

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

/**
 * Rewords the validator's answer to a bad numeric parameter. It says `must be integer` for
 * 1.5, "ten" and a repeated parameter alike, and `must be <= 10000` without the lower bound:
 * the caller learns one rule at a time. This states the whole allowed range at once.
 */
export function numericParameterErrors(
  spec: SpecWithParameters,
): ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (!isError(error) || error.name !== 'InputError') return next(error);
    const failure = NUMERIC_FAILURE.exec(error.message);
    if (!failure) return next(error);
    const [, location, name] = failure;
    const parameter = operationParameters(req, spec).find(
      p =>
        p?.name === name && p.in === (location === 'params' ? 'path' : 'query'),
    );
    const type = parameter?.schema?.type;
    if (!parameter || (type !== 'integer' && type !== 'number'))
      return next(error);
    return next(new InputError(describeNumericParameter(parameter)));
  };
}
