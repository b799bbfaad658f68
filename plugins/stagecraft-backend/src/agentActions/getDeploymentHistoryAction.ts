import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  componentRefOfInput,
  environmentField,
  READ_ONLY,
} from './componentInput';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

/** `get-deployment-history`: who did what to a component's deployments, newest first. */
export function registerGetDeploymentHistoryAction({
  registry,
  actions,
}: AgentActionDeps) {
  registry.register({
    name: 'get-deployment-history',
    title: 'Get deployment history',
    description: [
      "Lists what happened to a component's deployments, newest first: deploys, promotions, rollbacks, redeploys, undeploys, approval requests and decisions, each with the release, who did it and when.",
      `Returns at most \`limit\` entries (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}) and says whether more exist.`,
      "Use it to find out what changed before a problem, or which release to roll back to: pass an entry's releaseId to rollback (only releases that ran in that environment before are accepted).",
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(
            z,
            'Only this environment; every environment when absent',
          ).optional(),
          limit: z
            .number()
            .int()
            .min(1)
            .max(MAX_LIMIT)
            .optional()
            .describe(
              `How many entries, newest first (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}).`,
            ),
        }),
      output: z =>
        z.object({
          componentRef: z.string().describe('The component, as a full ref.'),
          entries: z
            .array(
              z.object({
                id: z.number().describe('The entry id.'),
                environment: z.string().describe('The environment acted on.'),
                action: z
                  .string()
                  .describe(
                    'deploy, promote, rollback, redeploy, undeploy, approve, deny or request-approval.',
                  ),
                releaseId: z
                  .string()
                  .optional()
                  .describe('The release it concerned.'),
                actor: z.string().describe('Who did it, an entity ref.'),
                at: z.string().describe('When, ISO 8601.'),
                details: z
                  .record(z.unknown())
                  .describe(
                    'Action-specific details, e.g. {from: "dev"} for a promotion.',
                  ),
              }),
            )
            .describe('The entries, newest first.'),
          truncated: z
            .boolean()
            .describe('Whether older entries exist beyond the limit.'),
        }),
    },
    examples: [
      {
        title: 'The last five changes of checkout-api in production',
        input: {
          component: 'checkout-api',
          environment: 'production',
          limit: 5,
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const componentRef = componentRefOfInput(input.component);
      const history = await actions.listHistory(
        componentRef,
        input.environment,
        { credentials },
      );
      const limit = input.limit ?? DEFAULT_LIMIT;
      const newestFirst = [...history].sort(
        (a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id,
      );
      return {
        output: {
          componentRef,
          entries: newestFirst.slice(0, limit).map(e => ({
            id: e.id,
            environment: e.environment,
            action: e.action,
            releaseId: e.releaseId,
            actor: e.actor,
            at: e.at.toISOString(),
            details: e.details,
          })),
          truncated: history.length > limit,
        },
      };
    },
  });
}
