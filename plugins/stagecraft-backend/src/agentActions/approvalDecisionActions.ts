import type { AgentActionDeps } from './AgentActionDeps';
import { approvalRequestSchema } from './deploymentSchemas';

/**
 * `approve-promotion` and `deny-promotion`: one decision on a pending approval request. Approval
 * needs a person other than the requester; a denial may also be the requester withdrawing
 * (actions/decideApproval.ts enforces both).
 */
function registerDecision(
  { registry, actions }: AgentActionDeps,
  decision: 'approve' | 'deny',
) {
  const approve = decision === 'approve';
  registry.register({
    name: approve ? 'approve-promotion' : 'deny-promotion',
    title: approve ? 'Approve a promotion' : 'Deny a promotion',
    description: [
      approve
        ? 'Approves a pending promotion request (from promote or list-approvals), which deploys its release to the gated environment at once.'
        : 'Denies a pending promotion request (from promote or list-approvals): nothing is deployed and the request is closed.',
      approve
        ? 'Only a person who may approve for that environment and is not the requester can approve; a service or static-token caller never can (NotAllowedError). A request is decided once (a second decision is refused as a conflict).'
        : 'An approver may deny, and the requester (a service or token caller included) may deny their own request to withdraw it. A request is decided once (a second decision is refused as a conflict).',
      approve
        ? 'Next: get-component-status to watch the environment converge.'
        : 'The comment tells the requester why.',
    ].join(' '),
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          approvalId: z
            .number()
            .int()
            .min(1)
            .describe(
              'The approval request id (approval.id from promote, or list-approvals).',
            ),
          comment: z
            .string()
            .max(2000)
            .optional()
            .describe('Why, recorded with the decision.'),
        }),
      output: z =>
        z.object({
          approval: approvalRequestSchema(z).describe('The request, decided.'),
        }),
    },
    examples: [
      {
        title: approve ? 'Approve request 7' : 'Deny request 7',
        input: {
          approvalId: 7,
          comment: approve ? 'load test passed' : 'wait for the load test',
        },
      },
    ],
    action: async ({ input, credentials }) => {
      const o = { approvalId: input.approvalId, comment: input.comment };
      const ctx = { credentials };
      return {
        output: {
          approval: approve
            ? await actions.approve(o, ctx)
            : await actions.deny(o, ctx),
        },
      };
    },
  });
}

export const registerApprovePromotionAction = (deps: AgentActionDeps) =>
  registerDecision(deps, 'approve');

export const registerDenyPromotionAction = (deps: AgentActionDeps) =>
  registerDecision(deps, 'deny');
