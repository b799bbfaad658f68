import Ajv, { ValidateFunction } from 'ajv';

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Checks parameters against a template's JSON Schema, filling in its defaults. Returns the
 * parameters and every problem as `<path>: <reason>`.
 */
export function validateParameters(
  schema: Record<string, unknown> | undefined,
  parameters: Record<string, unknown>,
): { parameters: Record<string, unknown>; problems: string[] } {
  const value = structuredClone(parameters);
  if (!schema) return { parameters: value, problems: [] };
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return { parameters: value, problems: [] };
  const problems = (validate.errors ?? []).map(
    e => `parameters${e.instancePath.replace(/\//g, '.')}: ${e.message}`,
  );
  return { parameters: value, problems };
}
