import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  componentRefOfInput,
  environmentField,
  READ_ONLY,
  Zod,
} from './componentInput';
import {
  portField,
  trafficTargetOfInput,
  visibilityField,
} from './trafficSchemas';

const labels = (z: Zod) => z.record(z.string(), z.string());

const pod = (z: Zod, which: string) =>
  z
    .object({
      workload: z
        .string()
        .describe('The object holding the pod template: Deployment/<name>.'),
      namespace: z.string().describe('Its Kubernetes namespace.'),
      labels: labels(z).describe('The pod labels the policies select on.'),
    })
    .optional()
    .describe(`The ${which} pod; absent when it has none in the environment.`);

const explanationSchema = (z: Zod) =>
  z.object({
    allowed: z
      .boolean()
      .describe('Whether the compiled NetworkPolicies admit the connection.'),
    reason: z
      .string()
      .describe(
        'Why, in one sentence: the missing declaration, the visibility rule, a side that is not deployed, or the rules that admit it.',
      ),
    fromRef: z.string().describe('The calling component.'),
    toRef: z.string().describe('The component that serves the destination.'),
    endpointRef: z
      .string()
      .optional()
      .describe('The endpoint at that port; absent when none serves it.'),
    environment: z.string().describe('The environment asked about.'),
    declaration: z
      .object({
        consumerRef: z.string().describe('The component that declares it.'),
        endpointRef: z.string().describe('The endpoint it names.'),
        path: z.string().describe('The entry: spec.dependsOn[<i>].'),
        written: z.string().describe('The entry as written.'),
      })
      .optional()
      .describe(
        "The calling component's dependsOn entry for the endpoint; absent when it declares none.",
      ),
    visibility: z
      .object({
        endpointRef: z.string().describe('The endpoint.'),
        visibility: visibilityField(z),
        consumerProject: z
          .string()
          .optional()
          .describe("The calling component's project (System ref)."),
        providerProject: z
          .string()
          .optional()
          .describe("The serving component's project (System ref)."),
        permits: z
          .boolean()
          .describe('Whether the visibility admits the calling component.'),
        rule: z.string().describe('The rule, in words.'),
      })
      .optional()
      .describe(
        "What the endpoint's visibility says about the calling component; absent when no endpoint serves the port.",
      ),
    evidence: z
      .object({
        policies: z
          .array(
            z.object({
              namespace: z.string().describe("The policy's namespace."),
              name: z.string().describe("The policy's name."),
              direction: z
                .enum(['egress', 'ingress'])
                .describe(
                  "egress: the calling pod's side; ingress: the destination pod's side.",
                ),
              effect: z
                .enum(['admits', 'isolates'])
                .describe(
                  'admits: this rule lets the connection through; isolates: this policy selects the pod and none of its rules does.',
                ),
              ruleIndex: z
                .number()
                .optional()
                .describe(
                  "The rule's index in the policy's egress/ingress list.",
                ),
              uncertain: z
                .enum(['ipBlock', 'namedPort'])
                .optional()
                .describe('Why the match could only be assumed.'),
            }),
          )
          .describe('The NetworkPolicies that decided each direction.'),
        sourcePod: pod(z, 'calling'),
        destinationPod: pod(z, 'destination'),
        destinationPort: z
          .object({
            port: z.number().describe("The destination pod's port."),
            protocol: z
              .enum(['TCP', 'UDP', 'SCTP'])
              .describe('The L4 protocol (UDP for udp endpoints).'),
          })
          .describe('The port and protocol evaluated.'),
      })
      .describe('What the verdict was computed from.'),
    nextStep: z
      .string()
      .optional()
      .describe('What to change so the answer becomes yes, when it is no.'),
  });

/** `explain-traffic`: can one component reach another (or its endpoint) on a port, and why. */
export function registerExplainTrafficAction(deps: AgentActionDeps) {
  deps.registry.register({
    name: 'explain-traffic',
    title: 'Explain traffic between components',
    description: [
      'Answers whether component `from` can open a connection to `to` (an endpoint such as endpoint:orders-http, or a component) on a port in an environment, and why. The verdict is computed from the NetworkPolicies Stagecraft compiles for the environment (both the caller\u2019s egress and the destination\u2019s ingress must admit it); the reason comes from the model: the dependsOn entry that declares the dependency, the endpoint\u2019s visibility (project / organization / public) and whether it admits the caller\u2019s project, or the missing declaration.',
      'Use it when a component cannot reach a dependency, before adding a dependency, or to check isolation. Without a port, the endpoint\u2019s port is used (a component with several endpoints needs one). nextStep says what to change; validate-entities checks the edited catalog-info before it is committed; get-dependencies lists a component\u2019s declared dependencies.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          from: componentField(z),
          to: z
            .string()
            .min(1)
            .max(300)
            .describe(
              'The destination: an endpoint (endpoint:orders-http) or a component (orders-api, component:default/orders-api).',
            ),
          port: portField(
            z,
            "The destination port; default: the endpoint's port.",
          ).optional(),
          environment: environmentField(z),
        }),
      output: explanationSchema,
    },
    examples: [
      {
        title: 'Why checkout-api cannot reach the auth endpoint in staging',
        input: {
          from: 'checkout-api',
          to: 'endpoint:auth-http',
          environment: 'staging',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const explanation = await deps.traffic.explainTraffic(
        {
          fromRef: componentRefOfInput(input.from),
          toRef: trafficTargetOfInput(input.to),
          port: input.port,
          environment: input.environment,
        },
        { credentials },
      );
      return { output: explanation };
    },
  });
}
