import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spec } from '../../schema/openapi.generated';

interface Content {
  schema: object;
}
interface Response {
  $ref?: string;
  content?: Record<string, Content>;
}
interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses: Record<string, Response> }>
  >;
  components: { responses: Record<string, Response> };
}

const document = spec as unknown as OpenApiDocument;
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));
const validators = new Map<object, ValidateFunction>();

/** The spec's path template (`/approvals/{approvalId}/approve`) a concrete path matches. */
function specPathOf(path: string): string | undefined {
  return Object.keys(document.paths).find(template =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
}

function responseSchemaOf(method: string, path: string, status: number) {
  const template = specPathOf(path);
  if (!template) throw new Error(`the spec has no path for ${path}`);
  const operation = document.paths[template][method.toLowerCase()];
  if (!operation) throw new Error(`the spec has no ${method} ${template}`);
  let response = operation.responses[status] ?? operation.responses.default;
  if (response.$ref) {
    response = document.components.responses[response.$ref.split('/').pop()!];
  }
  return response.content?.['application/json'].schema;
}

/**
 * Checks a response body against the schema the spec declares for its operation and status.
 * The schema's `$ref`s point into `#/components`, so each schema is compiled with them.
 */
export function expectMatchesSpec(o: {
  method: string;
  path: string;
  status: number;
  body: unknown;
}) {
  const schema = responseSchemaOf(o.method, o.path, o.status);
  if (!schema) {
    throw new Error(`the spec declares no body for ${o.method} ${o.path}`);
  }
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: document.components });
    validators.set(schema, validate);
  }
  validate(o.body);
  expect({
    [`${o.method} ${o.path} ${o.status}`]: validate.errors ?? [],
  }).toEqual({
    [`${o.method} ${o.path} ${o.status}`]: [],
  });
}
