import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  deploymentKeyOf,
  environmentField,
  READ_ONLY,
} from './componentInput';

/** Events beyond this many (newest kept) would drown a model's context. */
const MAX_EVENTS = 50;

/** `get-runtime`: the pods, restarts, terminations and events of one deployment, now. */
export function registerGetRuntimeAction({
  registry,
  runtime,
}: AgentActionDeps) {
  registry.register({
    name: 'get-runtime',
    title: 'Get runtime state (pods and events)',
    description: [
      'Shows what runs for a component in one environment right now: each pod with its phase, readiness, restarts and node, each container with its state (e.g. waiting: CrashLoopBackOff) and last termination (reason such as OOMKilled or Error, exit code); plus the Kubernetes events about its objects (newest first, at most 50) and CPU/memory usage when the cluster reports it.',
      'Use it to find out why a component is down or degraded. Next: get-logs for the output of a failing container (pass its pod and container), get-manifests for what was applied, rollback if a new release broke it.',
      'GitOps targets have no live view: available is false and reason says why.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(z),
        }),
      output: z => {
        const usage = z
          .object({
            cpuMillicores: z.number().describe('CPU in millicores.'),
            memoryBytes: z.number().describe('Memory in bytes.'),
          })
          .optional();
        return z.object({
          componentRef: z.string().describe('The component, as a full ref.'),
          environment: z.string().describe('The environment.'),
          available: z
            .boolean()
            .describe(
              'false for targets without a live view (GitOps); reason says why.',
            ),
          reason: z.string().optional().describe('Why there is no live view.'),
          pods: z
            .array(
              z.object({
                name: z
                  .string()
                  .describe('Pod name; get-logs takes it as pod.'),
                namespace: z.string().describe('Its Kubernetes namespace.'),
                phase: z
                  .string()
                  .describe('Pending, Running, Succeeded, Failed or Unknown.'),
                ready: z.boolean().describe('Every container ready.'),
                restarts: z.number().describe('Container restarts, summed.'),
                node: z.string().optional().describe('The node it runs on.'),
                startedAt: z
                  .string()
                  .optional()
                  .describe('When it started, ISO 8601.'),
                containers: z
                  .array(
                    z.object({
                      name: z
                        .string()
                        .describe(
                          'Container name; get-logs takes it as container.',
                        ),
                      image: z.string().describe('The image it runs.'),
                      ready: z.boolean().describe('Ready to serve.'),
                      restarts: z
                        .number()
                        .describe('Restarts of this container.'),
                      state: z
                        .enum(['running', 'waiting', 'terminated', 'unknown'])
                        .describe('Its current state.'),
                      stateReason: z
                        .string()
                        .optional()
                        .describe(
                          'Why, e.g. CrashLoopBackOff or ImagePullBackOff.',
                        ),
                      lastTermination: z
                        .object({
                          reason: z
                            .string()
                            .optional()
                            .describe('e.g. OOMKilled, Error.'),
                          exitCode: z
                            .number()
                            .optional()
                            .describe('The exit code.'),
                          finishedAt: z
                            .string()
                            .optional()
                            .describe('When, ISO 8601.'),
                        })
                        .optional()
                        .describe(
                          'How the previous run of the container ended.',
                        ),
                    }),
                  )
                  .describe('Its containers.'),
                usage: usage.describe('Its CPU and memory use, when reported.'),
              }),
            )
            .describe('The pods of the deployment.'),
          events: z
            .array(
              z.object({
                type: z.string().describe('Normal or Warning.'),
                reason: z.string().describe('e.g. BackOff, FailedScheduling.'),
                message: z.string().describe("Kubernetes' message."),
                object: z
                  .string()
                  .describe('Kind and name of the object it is about.'),
                count: z.number().describe('How often it happened.'),
                lastSeen: z
                  .string()
                  .optional()
                  .describe('Last time, ISO 8601.'),
              }),
            )
            .describe(
              `Events about its objects, newest first, at most ${MAX_EVENTS}.`,
            ),
          eventsTruncated: z
            .boolean()
            .describe(
              `Whether older events beyond ${MAX_EVENTS} were left out.`,
            ),
          usage: usage.describe(
            'CPU and memory summed over pods, when reported.',
          ),
        });
      },
    },
    examples: [
      {
        title: 'Why is checkout-api down in staging?',
        input: { component: 'checkout-api', environment: 'staging' },
      },
    ],
    action: async ({ input, credentials }) => {
      const snapshot = await runtime.getRuntime(deploymentKeyOf(input), {
        credentials,
      });
      const events = [...snapshot.events].sort((a, b) =>
        (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''),
      );
      return {
        output: {
          ...snapshot,
          events: events.slice(0, MAX_EVENTS),
          eventsTruncated: events.length > MAX_EVENTS,
        },
      };
    },
  });
}
