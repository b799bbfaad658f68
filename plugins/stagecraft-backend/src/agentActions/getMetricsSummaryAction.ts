import { summarizeMetrics } from '../observability/summarizeMetrics';
import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  deploymentKeyOf,
  environmentField,
  READ_ONLY,
} from './componentInput';
import { providerStateField, rangeField } from './observabilitySchemas';

/** `get-metrics-summary`: the time series of a deployment, in a few numbers per metric. */
export function registerGetMetricsSummaryAction({
  registry,
  observability,
}: AgentActionDeps) {
  if (!observability) return;
  registry.register({
    name: 'get-metrics-summary',
    title:
      'Summarise metrics (CPU, memory, restarts, requests, errors, latency)',
    description: [
      "Summarises a component's metrics in one environment over a time range (default the last hour): CPU (millicores), memory (bytes) and restarts per pod, and request rate, error rate and p95 latency when the workload exports them; each as latest, min, max and average, with the busiest pods.",
      'Use it to see trends: rising memory, restart bursts, an error spike after a deploy. Next: get-error-traces for the failing requests, get-usage for requests and limits, get-deployment-history to match a change with the time.',
      'state is not-configured or unavailable with a reason when the environment has no metrics provider or it failed.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(z),
          range: rangeField(z, 'How far back to look'),
        }),
      output: z =>
        z.object({
          componentRef: z.string().describe('The component, as a full ref.'),
          environment: z.string().describe('The environment.'),
          state: providerStateField(z),
          reason: z.string().optional().describe('Why there are no metrics.'),
          range: z.string().describe('The range summarised, e.g. 1h.'),
          metrics: z
            .array(
              z.object({
                name: z
                  .string()
                  .describe(
                    'cpu, memory, restarts, requests, errors or latency.',
                  ),
                title: z.string().describe('Its title, e.g. Latency (p95).'),
                unit: z
                  .string()
                  .describe(
                    'millicores, bytes, count, requests-per-second, errors-per-second or seconds.',
                  ),
                state: z
                  .string()
                  .describe(
                    'ok, no-data (nothing recorded, e.g. no HTTP metrics exported) or unavailable.',
                  ),
                reason: z.string().optional().describe('Why not ok.'),
                latest: z
                  .number()
                  .optional()
                  .describe('The latest value, summed over pods.'),
                min: z.number().optional().describe('Smallest value seen.'),
                max: z.number().optional().describe('Largest value seen.'),
                avg: z.number().optional().describe('Average value.'),
                perPod: z
                  .array(
                    z.object({
                      pod: z.string().describe('Pod name.'),
                      latest: z
                        .number()
                        .optional()
                        .describe("The pod's latest value."),
                      max: z.number().optional().describe("The pod's maximum."),
                    }),
                  )
                  .optional()
                  .describe('Per pod, highest maximum first, at most 20.'),
                podsTruncated: z
                  .boolean()
                  .optional()
                  .describe('Whether pods beyond 20 were left out.'),
              }),
            )
            .describe('One entry per metric.'),
        }),
    },
    examples: [
      {
        title: 'Has checkout-api in staging been using more memory today?',
        input: {
          component: 'checkout-api',
          environment: 'staging',
          range: '24h',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const range = input.range ?? '1h';
      const report = await observability.getMetrics(
        deploymentKeyOf(input),
        range,
        { credentials },
      );
      return {
        output: {
          componentRef: report.componentRef,
          environment: report.environment,
          state: report.state,
          ...(report.reason ? { reason: report.reason } : {}),
          range,
          metrics: summarizeMetrics(report.metrics),
        },
      };
    },
  });
}
