import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  componentRefOfInput,
  READ_ONLY,
} from './componentInput';
import { deploymentStatusSchema } from './deploymentSchemas';

/** `get-component-status`: the component's intent and every deployment of it. */
export function registerGetComponentStatusAction({
  registry,
  actions,
}: AgentActionDeps) {
  registry.register({
    name: 'get-component-status',
    title: 'Get component status',
    description: [
      'Shows where a Stagecraft component runs and how it is doing: its latest release (what the catalog currently asks for) and, per environment, the release and image deployed, sync state and reason, ready/desired replicas, connections still pending because a dependency is not deployed there, and who deployed it and when.',
      'Start here when asked about a component. Next: get-runtime for pods, restarts and events when an environment is degraded or progressing; get-logs for its output; get-deployment-history for what changed; promote to move a release to the next environment.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z => z.object({ component: componentField(z) }),
      output: z =>
        z.object({
          componentRef: z
            .string()
            .describe('The component, as a full entity ref.'),
          latestRelease: z
            .object({
              id: z.string().describe('The release id.'),
              image: z
                .string()
                .optional()
                .describe('The container image it runs.'),
              createdBy: z.string().describe('Who or what made it.'),
              createdAt: z.string().describe('When, ISO 8601.'),
            })
            .optional()
            .describe(
              "The newest release: the component's current intent from the catalog. An environment on another release has not received it yet.",
            ),
          deployments: z
            .array(deploymentStatusSchema(z))
            .describe(
              'One entry per environment the component was deployed to; none yet when empty.',
            ),
        }),
    },
    examples: [
      {
        title: 'Status of checkout-api',
        input: { component: 'checkout-api' },
      },
    ],
    action: async ({ input, credentials }) => {
      const componentRef = componentRefOfInput(input.component);
      const [releases, deployments] = await Promise.all([
        actions.listReleases(componentRef, { credentials }),
        actions.listDeployments(componentRef, { credentials }),
      ]);
      const latest = releases[0];
      return {
        output: {
          componentRef,
          latestRelease: latest && {
            id: latest.id,
            image:
              typeof latest.snapshot.image === 'string'
                ? latest.snapshot.image
                : undefined,
            createdBy: latest.createdBy,
            createdAt: latest.createdAt.toISOString(),
          },
          deployments,
        },
      };
    },
  });
}
