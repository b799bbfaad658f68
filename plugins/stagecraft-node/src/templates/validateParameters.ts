import Ajv, { ValidateFunction } from 'ajv';
import { linearRegExp } from './linearRegExp';
import { linearUniqueItems } from './linearUniqueItems';

/**
 * Parameter values are a developer's input checked on the backend's event loop, so every
 * `pattern` runs on {@link linearRegExp} (never JavaScript's backtracking engine) and
 * `uniqueItems` on {@link linearUniqueItems} (never Ajv's pairwise comparison). No formats
 * are registered: `format` is ignored, so no format's own regular expression runs either.
 */
const ajv = new Ajv({
  allErrors: true,
  useDefaults: true,
  strict: false,
  code: { regExp: linearRegExp },
});
ajv.removeKeyword('uniqueItems');
ajv.addKeyword(linearUniqueItems);

/**
 * Compiled validators by the schema's JSON text. Catalog templates are parsed afresh for every
 * component, so keying by object identity missed every time: each component recompiled the
 * schema (about 1 ms) and Ajv's own cache, keyed by schema object, grew without bound in a
 * long-running backend. Bounded, so hostile catalogs with many distinct schemas cannot grow it.
 */
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED_SCHEMAS = 1000;

function validatorFor(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (validate) {
    // Refresh its place, so the map evicts the least recently used schema.
    compiled.delete(key);
  } else {
    validate = ajv.compile(schema);
    // The validator keeps what it needs; Ajv's schema-object cache would only leak.
    ajv.removeSchema(schema);
    if (compiled.size >= MAX_COMPILED_SCHEMAS)
      compiled.delete(compiled.keys().next().value!);
  }
  compiled.set(key, validate);
  return validate;
}

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
  const validate = validatorFor(schema);
  if (validate(value)) return { parameters: value, problems: [] };
  const problems = (validate.errors ?? []).map(
    e => `parameters${e.instancePath.replace(/\//g, '.')}: ${e.message}`,
  );
  return { parameters: value, problems };
}
