import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  componentRefOfInput,
  environmentField,
  READ_ONLY,
  Zod,
} from './componentInput';
import { visibilityField } from './trafficSchemas';

const edge = (z: Zod) =>
  z.object({
    consumerRef: z.string().describe('The component that depends.'),
    endpointRef: z.string().describe('The endpoint it depends on.'),
    declaredAt: z
      .string()
      .describe("The consumer's entry declaring it: spec.dependsOn[<i>]."),
    providerRef: z
      .string()
      .optional()
      .describe('The component serving the endpoint.'),
    visibility: visibilityField(z).optional(),
    protocol: z
      .string()
      .optional()
      .describe("The endpoint's protocol (http, grpc, tcp…)."),
    port: z.number().optional().describe("The endpoint's port."),
    crossProject: z
      .boolean()
      .optional()
      .describe('Whether consumer and provider belong to different projects.'),
    permittedByVisibility: z
      .boolean()
      .optional()
      .describe(
        "Whether the endpoint's visibility admits the consumer; a dependency it forbids is a compile error.",
      ),
    policy: z
      .object({
        allowed: z
          .boolean()
          .describe('Whether the compiled policies admit it.'),
        reason: z.string().describe('Why, in one sentence.'),
      })
      .optional()
      .describe(
        "In the environment asked about: whether the compiled policies admit the connection and why (explain-traffic's answer). Absent without an environment or when you may not read the other component.",
      ),
  });

/** `get-dependencies`: what a component depends on and what depends on it. */
export function registerGetDependenciesAction(deps: AgentActionDeps) {
  deps.registry.register({
    name: 'get-dependencies',
    title: 'Get dependencies',
    description: [
      'Lists the dependency neighbourhood of a component from the catalog: the endpoints it declares in spec.dependsOn (with the components serving them) and the components that depend on its endpoints, each with the endpoint\u2019s visibility, port and protocol, whether the edge crosses projects and whether the visibility rule admits it. With an environment, each edge also says whether the compiled NetworkPolicies admit it there, and why.',
      'Use it for impact analysis (who breaks if this component goes down) and before adding a dependency. For one path in depth call explain-traffic; for runtime health of a neighbour call get-component-status.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(
            z,
            'An environment to check each edge in (optional)',
          ).optional(),
        }),
      output: z =>
        z.object({
          componentRef: z.string().describe('The component, as a full ref.'),
          environment: z
            .string()
            .optional()
            .describe('The environment each edge was checked in.'),
          dependsOn: z
            .array(edge(z))
            .describe('The endpoints this component depends on.'),
          dependedOnBy: z
            .array(edge(z))
            .describe(
              "The components that depend on this component's endpoints.",
            ),
          unreadableConsumers: z
            .number()
            .describe('Consumers you may not read: counted, not named.'),
        }),
    },
    examples: [
      {
        title:
          'What checkout-api depends on, and what depends on it, in staging',
        input: { component: 'checkout-api', environment: 'staging' },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: await deps.traffic.getDependencies(
        {
          componentRef: componentRefOfInput(input.component),
          environment: input.environment,
        },
        { credentials },
      ),
    }),
  });
}
