import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  componentRefOfInput,
  environmentField,
} from './componentInput';
import {
  approvalRequestSchema,
  deploymentStatusSchema,
} from './deploymentSchemas';

/** `promote`: the release running in one environment, to the pipeline's next one. */
export function registerPromoteAction({ registry, actions }: AgentActionDeps) {
  registry.register({
    name: 'promote',
    title: 'Promote a release to the next environment',
    description: [
      "Promotes the release a component runs in environment `from` to the next environment of its deployment pipeline (e.g. dev → staging), through the same permission check, pipeline rule and audit trail as the portal's Promote button.",
      'Returns outcome "deployed" with the new deployment, or, when the next environment needs an approval, outcome "approval-requested" with the approval request: then a different person (never the requester) calls approve-promotion with its id, and nothing is deployed until they do.',
      'Refused when the caller may not deploy there, when `from` is the last stage, or when nothing is deployed in `from`. After "deployed", call get-component-status to watch the new environment converge.',
    ].join(' '),
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          from: environmentField(
            z,
            'The environment whose running release to promote (the next one in the pipeline receives it)',
          ),
        }),
      output: z =>
        z.object({
          outcome: z
            .enum(['deployed', 'approval-requested'])
            .describe(
              'deployed: the release is on its way to the next environment; approval-requested: it waits for someone else to approve.',
            ),
          deployment: deploymentStatusSchema(z)
            .optional()
            .describe('The new deployment, when outcome is deployed.'),
          approval: approvalRequestSchema(z)
            .optional()
            .describe(
              'The approval request, when outcome is approval-requested; another person approves it with approve-promotion {approvalId: approval.id}.',
            ),
        }),
    },
    examples: [
      {
        title: 'Promote checkout-api from dev to the next stage',
        input: { component: 'checkout-api', from: 'dev' },
      },
    ],
    action: async ({ input, credentials }) => {
      const result = await actions.promote(
        {
          componentRef: componentRefOfInput(input.component),
          from: input.from,
        },
        { credentials },
      );
      return {
        output:
          result.outcome === 'deployed'
            ? { outcome: result.outcome, deployment: result.deployment }
            : { outcome: result.outcome, approval: result.approval },
      };
    },
  });
}
