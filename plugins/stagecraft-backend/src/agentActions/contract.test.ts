import { z } from 'zod/v3';
import { agentActionsHarness } from './__testUtils__/agentActionsHarness';

/*
 * The attributes every action promises, as /tmp/team/CONTRACT-12.md (docs/api.md) states them:
 * an MCP server that excludes destructive tools, or a client that asks before a non-read-only
 * one, relies on them. A registered action missing here fails, so the table stays complete.
 */
const READ = { readOnly: true, destructive: false, idempotent: true };
type Attributes = typeof READ;
const CONTRACT: Record<string, Partial<Attributes>> = {
  'list-projects': READ,
  'get-component-status': READ,
  'get-deployment-history': READ,
  'list-approvals': READ,
  'get-runtime': READ,
  'get-logs': READ,
  'get-manifests': READ,
  'diff-environments': READ,
  'get-dependencies': READ,
  'explain-traffic': READ,
  'validate-entities': READ,
  'get-usage': READ,
  'get-metrics-summary': READ,
  'get-error-traces': READ,
  costs: READ,
  'cost-recommendations': READ,
  impact: READ,
  'preview-promotion': READ,
  diagnose: READ,
  redeploy: { readOnly: false, destructive: false, idempotent: true },
  promote: { readOnly: false, destructive: false, idempotent: false },
  'approve-promotion': {
    readOnly: false,
    destructive: false,
    idempotent: false,
  },
  'deny-promotion': { readOnly: false, destructive: false, idempotent: false },
  rollback: { readOnly: false, destructive: true, idempotent: true },
  undeploy: { readOnly: false, destructive: true, idempotent: true },
  // The contract says only that deploy writes.
  deploy: { readOnly: false },
};

/** This helper's part of the contract: these must be registered. */
const A1_ACTIONS = [
  'list-projects',
  'get-component-status',
  'get-deployment-history',
  'list-approvals',
  'get-runtime',
  'get-logs',
  'get-manifests',
  'diff-environments',
  'redeploy',
  'promote',
  'approve-promotion',
  'deny-promotion',
  'rollback',
  'undeploy',
];

type JsonSchema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
};

/** Paths of fields (object properties, at any depth) that carry no description. */
function undescribedFields(schema: JsonSchema, path = ''): string[] {
  const own = Object.entries(schema.properties ?? {}).flatMap(
    ([name, field]) => [
      ...(field.description ? [] : [`${path}${name}`]),
      ...undescribedFields(field, `${path}${name}.`),
    ],
  );
  const nested = [
    schema.items,
    typeof schema.additionalProperties === 'object'
      ? schema.additionalProperties
      : undefined,
    ...(schema.anyOf ?? []),
  ].flatMap(s => (s ? undescribedFields(s, path) : []));
  return [...own, ...nested];
}

describe('the registered agent actions', () => {
  it("register every action of this part of the contract, under the contract's names", async () => {
    const { registry } = agentActionsHarness();
    const { actions } = await registry.list();
    expect(actions.map(a => a.name)).toEqual(
      expect.arrayContaining(A1_ACTIONS),
    );
  });

  it('are all registered by the harness, so none escapes the checks below', async () => {
    // An action whose service the harness does not fake is not registered, and would pass
    // every check here unchecked.
    const { registry } = agentActionsHarness();
    const { actions } = await registry.list();
    expect(actions.map(a => a.name).sort()).toEqual(
      Object.keys(CONTRACT).sort(),
    );
  });

  it('each declare the attributes the contract states', async () => {
    const { registry } = agentActionsHarness();
    const { actions } = await registry.list();
    for (const action of actions) {
      expect(Object.keys(CONTRACT)).toContain(action.name);
      expect({ [action.name]: action.attributes }).toMatchObject({
        [action.name]: CONTRACT[action.name],
      });
    }
  });

  it('each describe themselves, their input and their output for a model', async () => {
    const { registry } = agentActionsHarness();
    const { actions } = await registry.list();
    for (const action of actions) {
      expect(action.title).toBeTruthy();
      // What it is for, what it returns, what to call next: more than a phrase.
      expect(action.description.length).toBeGreaterThan(150);
      expect(action.schema.input.type).toBe('object');
      expect(action.schema.output.type).toBe('object');
      expect({
        [action.name]: [
          ...undescribedFields(action.schema.input as JsonSchema, 'input.'),
          ...undescribedFields(action.schema.output as JsonSchema, 'output.'),
        ],
      }).toEqual({ [action.name]: [] });
    }
  });

  it('name a component the same way everywhere', async () => {
    const { registry } = agentActionsHarness();
    const { actions } = await registry.list();
    const withComponent = actions.filter(
      a => (a.schema.input as JsonSchema).properties?.component,
    );
    expect(withComponent.length).toBeGreaterThanOrEqual(10);
    for (const action of withComponent)
      expect((action.schema.input as JsonSchema).properties!.component).toEqual(
        (withComponent[0].schema.input as JsonSchema).properties!.component,
      );
  });

  it('have examples that their input schema accepts', async () => {
    const { registry } = agentActionsHarness();
    for (const [id, action] of registry.actions) {
      for (const example of action.examples ?? []) {
        const parsed = action.schema.input(z).safeParse(example.input);
        expect({ id, example: example.title, ok: parsed.success }).toEqual({
          id,
          example: example.title,
          ok: true,
        });
      }
    }
  });
});
