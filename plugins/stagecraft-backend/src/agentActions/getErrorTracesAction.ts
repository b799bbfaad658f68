import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  deploymentKeyOf,
  environmentField,
  READ_ONLY,
} from './componentInput';
import { providerStateField, rangeField } from './observabilitySchemas';

/** `get-error-traces`: recent failed traces of a component in an environment. */
export function registerGetErrorTracesAction({
  registry,
  observability,
}: AgentActionDeps) {
  if (!observability) return;
  registry.register({
    name: 'get-error-traces',
    title: 'Get recent error traces',
    description: [
      'Lists the most recent traces of a component in one environment that contain a failed span (error=true or status ERROR), from the tracing backend: root operation (e.g. POST /checkout), start, duration, span and error counts, and a link to the trace in the tracing UI.',
      'Use it to find which requests fail and since when. Next: get-logs around the trace start for the stack trace, get-metrics-summary for the error rate, get-dependencies when the failing span calls another component.',
      'state is not-configured or unavailable with a reason when the environment has no traces provider or it failed.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(z),
          limit: z
            .number()
            .int()
            .min(1)
            .max(50)
            .optional()
            .describe('At most this many traces, 1 to 50. Default 10.'),
          lookback: rangeField(z, 'How far back to search'),
        }),
      output: z =>
        z.object({
          componentRef: z.string().describe('The component, as a full ref.'),
          environment: z.string().describe('The environment.'),
          state: providerStateField(z),
          reason: z.string().optional().describe('Why there are no traces.'),
          searchUrl: z
            .string()
            .optional()
            .describe('The same search in the tracing UI, for a person.'),
          traces: z
            .array(
              z.object({
                traceId: z.string().describe('The trace id (hex).'),
                rootOperation: z
                  .string()
                  .describe('The root span, e.g. POST /checkout.'),
                rootService: z
                  .string()
                  .describe('The service of the root span.'),
                startTime: z.string().describe('When it started, ISO 8601.'),
                durationMs: z.number().describe('How long it took, in ms.'),
                spanCount: z.number().describe('Spans in the trace.'),
                errorCount: z.number().describe('Failed spans in the trace.'),
                url: z
                  .string()
                  .optional()
                  .describe('The trace in the tracing UI.'),
              }),
            )
            .describe('Failed traces, most recent first.'),
        }),
    },
    examples: [
      {
        title: 'Which requests to checkout-api fail in staging?',
        input: { component: 'checkout-api', environment: 'staging' },
      },
    ],
    action: async ({ input, credentials }) => {
      const report = await observability.getTraces(
        deploymentKeyOf(input),
        {
          limit: input.limit ?? 10,
          errorsOnly: true,
          lookback: input.lookback ?? '1h',
        },
        { credentials },
      );
      const { provider: _provider, ...output } = report;
      return { output };
    },
  });
}
