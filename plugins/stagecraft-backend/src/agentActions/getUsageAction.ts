import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  deploymentKeyOf,
  environmentField,
  READ_ONLY,
} from './componentInput';
import { amountsShape, usageShape } from './observabilitySchemas';

/** `get-usage`: CPU and memory of a deployment's pods now, against requests and limits. */
export function registerGetUsageAction({
  registry,
  observability,
}: AgentActionDeps) {
  if (!observability) return;
  registry.register({
    name: 'get-usage',
    title: 'Get CPU and memory usage now',
    description: [
      'Shows the CPU and memory each pod and container of a component uses right now in one environment (from the Kubernetes metrics API), next to the requests and limits of their specs, and the totals.',
      'Use it to tell whether a component is starved or close to its limits (e.g. memory near the limit before an OOMKilled restart). Next: get-metrics-summary for the last hours, get-runtime for restarts and events.',
      'available is false with a reason when the cluster serves no metrics API or the target is GitOps.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(z),
        }),
      output: z =>
        z.object({
          componentRef: z.string().describe('The component, as a full ref.'),
          environment: z.string().describe('The environment.'),
          available: z
            .boolean()
            .describe('Whether usage could be read; reason says why not.'),
          reason: z.string().optional().describe('Why usage is not available.'),
          source: z
            .string()
            .optional()
            .describe('Where usage comes from: metrics-api.'),
          pods: z
            .array(
              z.object({
                name: z.string().describe('Pod name.'),
                namespace: z.string().describe('Its Kubernetes namespace.'),
                phase: z.string().describe('Its phase, e.g. Running.'),
                usage: usageShape(z, 'What the pod uses now.'),
                requests: amountsShape(z, "The pod's requests, summed."),
                limits: amountsShape(z, "The pod's limits, summed."),
                containers: z
                  .array(
                    z.object({
                      name: z.string().describe('Container name.'),
                      usage: usageShape(z, 'What it uses now.'),
                      requests: amountsShape(z, 'What it requests.'),
                      limits: amountsShape(z, 'Its limits.'),
                    }),
                  )
                  .describe('Its containers.'),
              }),
            )
            .describe('The pods of the deployment.'),
          totals: z
            .object({
              usage: usageShape(z, 'Usage over all pods.'),
              requests: amountsShape(z, 'Requests over all pods.'),
              limits: amountsShape(z, 'Limits over all pods.'),
            })
            .describe('Sums over all pods.'),
        }),
    },
    examples: [
      {
        title: 'Is checkout-api close to its memory limit in production?',
        input: { component: 'checkout-api', environment: 'production' },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: await observability.getUsage(deploymentKeyOf(input), {
        credentials,
      }),
    }),
  });
}
