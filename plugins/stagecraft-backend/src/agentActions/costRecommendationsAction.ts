import { componentRefOfInput, READ_ONLY } from './componentInput';
import type { AgentActionDeps } from './AgentActionDeps';
import {
  amountsSchema,
  costFilterInput,
  moneySchema,
  stateFields,
} from './costSchemas';

/** `cost-recommendations`: what would save money, with the monthly saving of each. */
export function registerCostRecommendationsAction({
  registry,
  cost,
}: AgentActionDeps) {
  if (!cost) return;
  registry.register({
    name: 'cost-recommendations',
    title: 'Cost recommendations',
    description: [
      'Finds money to save among the deployments the caller may read, from requests against observed usage: over-provisioned (a resource used below a share of its request; lower the request to usage plus headroom) and idle (pods that use no CPU; undeploy if nothing needs it).',
      'Each recommendation names the component and environment, the evidence, the requests to set instead and its monthly saving; largest saving first. Nothing is changed: edit the component’s requests in the catalog, or call undeploy.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: costFilterInput,
      output: z =>
        z.object({
          ...stateFields(z),
          recommendations: z
            .array(
              z.object({
                kind: z
                  .enum(['over-provisioned', 'idle'])
                  .describe('Which rule made it.'),
                componentRef: z.string().describe('The component, a full ref.'),
                environment: z.string().describe('The environment.'),
                project: z.string().describe('The component’s System.'),
                summary: z.string().describe('One line: what to change.'),
                evidence: z
                  .string()
                  .describe('Observed usage against requests.'),
                recommendedRequests: amountsSchema(
                  z,
                  'For over-provisioned: the pod-total requests to set instead.',
                ).optional(),
                monthlySaving: moneySchema(z).describe(
                  'Saved per month (730 h).',
                ),
              }),
            )
            .describe('Largest saving first.'),
          totalMonthlySaving: moneySchema(z)
            .optional()
            .describe('All recommendations together.'),
          thresholds: z
            .object({
              overProvisionedRatio: z
                .number()
                .describe('Over-provisioned below this share of the request.'),
              headroom: z
                .number()
                .describe('Recommended request = usage × this.'),
              idleCpuMillicores: z
                .number()
                .describe('Idle at or below this CPU use.'),
              minimumMonthlySaving: moneySchema(z).describe(
                'Smaller savings are left out.',
              ),
            })
            .describe(
              'The rules’ thresholds (stagecraft.cost.recommendations).',
            ),
        }),
    },
    examples: [
      {
        title: 'Where can we save in production?',
        input: { environment: 'production' },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: await cost.getRecommendations(
        {
          ...input,
          component: input.component && componentRefOfInput(input.component),
        },
        { credentials },
      ),
    }),
  });
}
