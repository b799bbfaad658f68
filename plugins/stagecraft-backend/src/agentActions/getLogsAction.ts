import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  deploymentKeyOf,
  environmentField,
  READ_ONLY,
} from './componentInput';
import { LOG_TAIL_BOUNDS, readLogTail } from './readLogTail';

const MAX_LINES = 500;

/** `get-logs`: the last lines a component logged in one environment; never follows. */
export function registerGetLogsAction({ registry, runtime }: AgentActionDeps) {
  registry.register({
    name: 'get-logs',
    title: 'Get recent log lines',
    description: [
      `Returns the last log lines of a component in one environment, over all its pods and containers (or one pod / container), in time order: at most \`lines\` (default ${
        LOG_TAIL_BOUNDS.lines
      }, at most ${MAX_LINES}) and at most ${
        LOG_TAIL_BOUNDS.outputBytes / 1024
      } KiB of text; \`truncated\` says what was left out. It does not follow the log: call again for newer lines.`,
      'Use it after get-runtime shows restarts or a failing container: pass that pod and container. Logs that could not be read (a container that never started) are listed in errors.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(z),
          lines: z
            .number()
            .int()
            .min(1)
            .max(MAX_LINES)
            .optional()
            .describe(
              `How many of the newest lines (default ${LOG_TAIL_BOUNDS.lines}, at most ${MAX_LINES}).`,
            ),
          pod: z
            .string()
            .max(253)
            .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a pod name')
            .optional()
            .describe(
              'Only this pod (a name from get-runtime); all pods when absent.',
            ),
          container: z
            .string()
            .max(63)
            .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a container name')
            .optional()
            .describe('Only this container; every container when absent.'),
        }),
      output: z =>
        z.object({
          lines: z
            .array(
              z.object({
                pod: z.string().describe('The pod.'),
                container: z.string().describe('The container.'),
                timestamp: z
                  .string()
                  .optional()
                  .describe("The kubelet's RFC 3339 timestamp."),
                text: z.string().describe('The line.'),
              }),
            )
            .describe('The newest lines, oldest first.'),
          truncated: z
            .boolean()
            .describe(
              'Whether lines were left out by the bounds; truncatedReason says how.',
            ),
          truncatedReason: z
            .string()
            .optional()
            .describe('What was left out, when truncated.'),
          errors: z
            .array(
              z.object({
                pod: z.string().describe('The pod.'),
                container: z.string().describe('The container.'),
                message: z.string().describe('Why its log could not be read.'),
              }),
            )
            .describe('Logs that could not be read.'),
        }),
    },
    examples: [
      {
        title: 'The last 50 lines of checkout-api in staging',
        input: { component: 'checkout-api', environment: 'staging', lines: 50 },
      },
    ],
    action: async ({ input, credentials }) => {
      const lines = input.lines ?? LOG_TAIL_BOUNDS.lines;
      const sources = await runtime.openLogs(
        deploymentKeyOf(input),
        {
          pod: input.pod,
          container: input.container,
          tailLines: lines,
          follow: false,
          timestamps: true,
        },
        { credentials },
      );
      const tail = await readLogTail(sources, { ...LOG_TAIL_BOUNDS, lines });
      return {
        output: {
          lines: tail.lines,
          truncated: tail.truncated !== undefined,
          truncatedReason: tail.truncated,
          errors: tail.errors,
        },
      };
    },
  });
}
