import { MAX_VALIDATION_BYTES } from '../validation/EntityValidationService';
import type { AgentActionDeps } from './AgentActionDeps';
import { READ_ONLY } from './componentInput';

/** `validate-entities`: `stagecraft validate` for YAML an agent is about to commit. */
export function registerValidateEntitiesAction(deps: AgentActionDeps) {
  deps.registry.register({
    name: 'validate-entities',
    title: 'Validate catalog entities',
    description: [
      'Checks catalog-info YAML (one or more entity documents: Component, Endpoint, System\u2026) with exactly the checks of `stagecraft validate`: each document against the catalog model and Stagecraft\u2019s kinds, then every component with spec.deploy compiled for every environment of its pipeline against the running catalog (its environments, pipelines, component types, traits and the other components of the project) \u2014 everything the control plane would refuse when it deploys. Nothing is written.',
      `At most ${
        MAX_VALIDATION_BYTES / 1024
      } KiB of YAML. Call it before committing a change to catalog-info (a new dependency, endpoint or deploy setting); fix every problem, then commit. After the commit is ingested, explain-traffic and get-component-status show the effect.`,
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          yaml: z
            .string()
            .min(1)
            .max(MAX_VALIDATION_BYTES)
            .describe(
              'The YAML to check: entity documents separated by ---, as in catalog-info.yaml.',
            ),
        }),
      output: z =>
        z.object({
          valid: z
            .boolean()
            .describe('True when there is no problem (warnings allowed).'),
          compiled: z
            .boolean()
            .describe(
              'False when the catalog holds no Environment or pipeline, so nothing could be compiled.',
            ),
          problems: z
            .array(
              z.object({
                entity: z
                  .string()
                  .optional()
                  .describe(
                    'The entity ref; absent for a document without a usable kind and name.',
                  ),
                path: z
                  .string()
                  .optional()
                  .describe('The field at fault, e.g. spec.deploy.replicas.'),
                message: z
                  .string()
                  .describe('What is wrong and how to fix it.'),
                environment: z
                  .string()
                  .optional()
                  .describe(
                    'The environment(s) a compile problem was found in.',
                  ),
                severity: z
                  .enum(['error', 'warning'])
                  .describe('Only errors make the YAML invalid.'),
                code: z
                  .string()
                  .optional()
                  .describe("The compiler's stable code for the problem."),
              }),
            )
            .describe('Every problem found; empty when the YAML is valid.'),
        }),
    },
    examples: [
      {
        title: 'Check a component before committing it',
        input: {
          yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: checkout-api\nspec:\n  type: service\n  lifecycle: production\n  owner: team-payments\n  system: payments\n  dependsOn: [endpoint:orders-http]\n  deploy:\n    image: registry.acme-retail.example/checkout-api:2.8.0\n',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const result = await deps.validation.validateEntities(
        { yaml: input.yaml },
        { credentials },
      );
      return {
        output: {
          valid: result.valid,
          compiled: result.compiled,
          problems: result.problems.map(p => ({
            ...(p.entityRef ? { entity: p.entityRef } : {}),
            ...(p.path ? { path: p.path } : {}),
            message: p.message,
            ...(p.environment ? { environment: p.environment } : {}),
            severity:
              p.severity === 'warning'
                ? ('warning' as const)
                : ('error' as const),
            ...(p.code ? { code: p.code } : {}),
          })),
        },
      };
    },
  });
}
