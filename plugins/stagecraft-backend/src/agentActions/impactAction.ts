import type { AgentActionDeps } from './AgentActionDeps';
import { environmentField, READ_ONLY } from './componentInput';
import {
  capacityRowSchema,
  impactPathSchema,
  narrowingSchema,
} from './impactSchemas';
import { trafficTargetOfInput } from './trafficSchemas';

/** `impact`: who depends on a component or endpoint, and what would break if it changed. */
export function registerImpactAction({ registry, impact }: AgentActionDeps) {
  if (!impact) return;
  registry.register({
    name: 'impact',
    title: 'Impact of a component or endpoint',
    description: [
      'Impact analysis from the catalog and the plans the control plane applies: the direct and transitive dependants of a component or endpoint (where each is deployed, which edges cross projects), the paths that would close if it were undeployed (each environment re-planned without it and its NetworkPolicies evaluated), the consumers left naming a removed endpoint, the consumers a narrower visibility would refuse, and its replicas and requests against each environment\u2019s bounds.',
      'Read-only. Components you may not read are counted, not named. For one path in depth call explain-traffic; before promoting call preview-promotion.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          target: z
            .string()
            .min(1)
            .max(300)
            .describe(
              'A component (checkout-api, component:default/checkout-api) or an endpoint (endpoint:ledger-http).',
            ),
          environment: environmentField(
            z,
            'Only this environment (optional; default every environment)',
          ).optional(),
        }),
      output: z =>
        z.object({
          subjectRef: z
            .string()
            .describe('The component or endpoint asked about.'),
          componentRef: z.string().describe('The component serving it.'),
          environments: z
            .array(z.string())
            .describe('The environments looked at.'),
          dependants: z
            .array(
              z.object({
                componentRef: z.string().describe('A dependant.'),
                depth: z
                  .number()
                  .describe(
                    '1: depends on it directly; 2: through one other; …',
                  ),
                via: z.string().describe('The endpoint it depends on.'),
                crossProject: z
                  .boolean()
                  .describe('Whether it belongs to another project.'),
                deployedIn: z
                  .array(z.string())
                  .describe('Environments it is deployed in.'),
              }),
            )
            .describe('Direct and transitive dependants, nearest first.'),
          unreadableDependants: z
            .number()
            .describe('Dependants you may not read: counted, not named.'),
          ifUndeployed: z
            .array(
              z.object({
                environment: z.string().describe('Where it is deployed.'),
                closes: z
                  .array(impactPathSchema(z))
                  .describe('Paths that would close.'),
                unreadable: z
                  .number()
                  .describe('Closing paths you may not read: counted.'),
              }),
            )
            .describe(
              'Per environment it runs in: what undeploying it closes.',
            ),
          ifEndpointRemoved: z
            .array(
              z.object({
                endpointRef: z.string().describe('The endpoint.'),
                consumers: z
                  .array(z.string())
                  .describe(
                    'Consumers whose declaration would name a missing endpoint.',
                  ),
              }),
            )
            .describe('Per endpoint: who removing it breaks.'),
          ifVisibilityNarrowed: z
            .array(narrowingSchema(z))
            .describe('Per endpoint and narrower visibility: who it refuses.'),
          capacity: z
            .array(capacityRowSchema(z))
            .describe(
              'Replicas and requests per environment against its bounds.',
            ),
        }),
    },
    examples: [
      {
        title: 'What breaks if payment-ledger is undeployed in dev?',
        input: { target: 'payment-ledger', environment: 'dev' },
      },
      {
        title: 'Who would narrowing checkout-http to its project refuse?',
        input: { target: 'endpoint:checkout-http' },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: await impact.impact(
        {
          ref: trafficTargetOfInput(input.target),
          environment: input.environment,
        },
        { credentials },
      ),
    }),
  });
}
