import { componentRefOfInput, READ_ONLY } from './componentInput';
import type { AgentActionDeps } from './AgentActionDeps';
import type { Zod } from './componentInput';
import {
  amountsSchema,
  costFilterInput,
  moneySchema,
  stateFields,
} from './costSchemas';

const totalSchema = (z: Zod, what: string) =>
  z
    .object({
      name: z.string().describe('The project, environment or "organisation".'),
      hourly: moneySchema(z).describe('Cost per hour.'),
      monthly: moneySchema(z).describe('Hourly × 730.'),
      deployments: z.number().int().describe('Deployments summed.'),
    })
    .describe(what);

/** `costs`: what components cost per environment, with totals and the monthly projection. */
export function registerCostsAction({ registry, cost }: AgentActionDeps) {
  if (!cost) return;
  registry.register({
    name: 'costs',
    title: 'Cost per component and environment',
    description: [
      'Prices every deployment the caller may read: per resource the larger of the pods’ requests and their observed usage (requests alone when no usage is observed), at the CPU-hour and GiB-hour rates configured per environment or target.',
      'Answers the hourly cost and the monthly projection (× 730 h) per component × environment, per project, per environment and overall, exact to the micro-unit. Deployments of components the caller may not read are only counted. For what would save money, call cost-recommendations.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: costFilterInput,
      output: z =>
        z.object({
          ...stateFields(z),
          hoursPerMonth: z
            .number()
            .int()
            .describe('Hours in the monthly projection (730).'),
          items: z
            .array(
              z.object({
                componentRef: z.string().describe('The component, a full ref.'),
                environment: z.string().describe('The environment.'),
                project: z
                  .string()
                  .describe('The component’s System; empty when none.'),
                podCount: z.number().int().describe('Pods observed.'),
                requests: amountsSchema(z, 'Requests summed over the pods.'),
                requestsFrom: z
                  .enum(['pods', 'manifests'])
                  .describe(
                    'pods: the running pods; manifests: the compiled release (replicas × requests), when no pods can be read.',
                  ),
                usage: amountsSchema(
                  z,
                  'Observed usage now; absent when it could not be read.',
                ).optional(),
                basis: z
                  .enum(['requests-only', 'requests-and-usage'])
                  .describe('What the price rests on.'),
                billed: amountsSchema(
                  z,
                  'What is priced: max(requests, usage).',
                ),
                hourly: moneySchema(z).describe('Cost per hour.'),
                monthly: moneySchema(z).describe('Hourly × 730.'),
              }),
            )
            .describe('Most expensive first.'),
          byProject: z
            .array(totalSchema(z, 'A project’s total.'))
            .describe('Totals per project, most expensive first.'),
          byEnvironment: z
            .array(totalSchema(z, 'An environment’s total.'))
            .describe('Totals per environment, most expensive first.'),
          total: totalSchema(z, 'Everything in scope.').optional(),
          gaps: z
            .array(
              z.object({
                componentRef: z.string().describe('The component.'),
                environment: z.string().describe('The environment.'),
                reason: z.string().describe('Why it was priced from nothing.'),
              }),
            )
            .describe(
              'Deployments whose pods could not be read; priced as zero.',
            ),
        }),
    },
    examples: [
      {
        title: 'What does production cost?',
        input: { environment: 'production' },
      },
      {
        title: 'What does the storefront project cost?',
        input: { project: 'storefront' },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: await cost.getCosts(
        {
          ...input,
          component: input.component && componentRefOfInput(input.component),
        },
        { credentials },
      ),
    }),
  });
}
