import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  componentRefOfInput,
  READ_ONLY,
} from './componentInput';
import { approvalRequestSchema } from './deploymentSchemas';

/** `list-approvals`: a component's promotion approval requests, pending and decided. */
export function registerListApprovalsAction({
  registry,
  actions,
}: AgentActionDeps) {
  registry.register({
    name: 'list-approvals',
    title: 'List approval requests',
    description: [
      "Lists a component's promotion approval requests: the pending ones (waiting for someone other than the requester) first, then the decided ones, newest first, each with the release, the environments it moves between, who asked and who decided.",
      "Next: approve-promotion or deny-promotion with a pending request's id (approving needs a person other than the requester; the requester may deny to withdraw).",
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z => z.object({ component: componentField(z) }),
      output: z =>
        z.object({
          componentRef: z.string().describe('The component, as a full ref.'),
          pending: z
            .array(approvalRequestSchema(z))
            .describe('Requests waiting for a decision.'),
          decided: z
            .array(approvalRequestSchema(z))
            .describe('Requests approved or denied, newest first.'),
        }),
    },
    examples: [
      {
        title: 'Approvals of checkout-api',
        input: { component: 'checkout-api' },
      },
    ],
    action: async ({ input, credentials }) => {
      const componentRef = componentRefOfInput(input.component);
      const approvals = await actions.listApprovals(componentRef, {
        credentials,
      });
      const newestFirst = [...approvals].sort(
        (a, b) => b.requestedAt.localeCompare(a.requestedAt) || b.id - a.id,
      );
      return {
        output: {
          componentRef,
          pending: newestFirst.filter(a => a.state === 'pending'),
          decided: newestFirst.filter(a => a.state !== 'pending'),
        },
      };
    },
  });
}
