import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  componentRefOfInput,
  environmentField,
  READ_ONLY,
} from './componentInput';
import { connectionChangeSchema, impactPathSchema } from './impactSchemas';

/** `preview-promotion`: the paths a promotion would open and close, before it runs. */
export function registerPreviewPromotionAction({
  registry,
  impact,
}: AgentActionDeps) {
  if (!impact) return;
  registry.register({
    name: 'preview-promotion',
    title: 'Preview a promotion',
    description: [
      'Before promoting: plans the next stage of the component\u2019s pipeline as it is and as it would be with the release running in `from`, with the control plane\u2019s own planner, and evaluates every path either plan could decide with the NetworkPolicy evaluator. Answers the paths that would open and close, and the connections the promoted release adds or drops compared with the one running there.',
      'Read-only: nothing is deployed. Call promote afterwards to do it; explain-traffic tells why one path is closed.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          from: environmentField(z, 'The stage to promote from', 'dev'),
        }),
      output: z =>
        z.object({
          componentRef: z.string().describe('The component, as a full ref.'),
          from: z.string().describe('The stage promoted from.'),
          to: z.string().describe('The next stage, promoted to.'),
          releaseId: z.string().describe('The release the promotion carries.'),
          currentReleaseId: z
            .string()
            .optional()
            .describe('The release running in the target now, if any.'),
          changes: z
            .object({
              opens: z
                .array(impactPathSchema(z))
                .describe('Paths the policies would newly admit.'),
              closes: z
                .array(impactPathSchema(z))
                .describe('Paths the policies would stop admitting.'),
              evaluated: z.number().describe('Paths evaluated in both plans.'),
              unreadable: z
                .number()
                .describe(
                  'Changed paths you may not read: counted, not named.',
                ),
            })
            .describe('The policy diff.'),
          connections: z
            .object({
              added: z
                .array(connectionChangeSchema(z))
                .describe('Dependencies the promoted release declares anew.'),
              dropped: z
                .array(connectionChangeSchema(z))
                .describe('Dependencies it no longer declares.'),
              unreadable: z
                .number()
                .describe('Changed connections you may not read: counted.'),
            })
            .describe('The declared-connection diff between the two releases.'),
        }),
    },
    examples: [
      {
        title: 'What would promoting checkout-api from dev open or close?',
        input: { component: 'checkout-api', from: 'dev' },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: await impact.previewPromotion(
        {
          componentRef: componentRefOfInput(input.component),
          from: input.from,
        },
        { credentials },
      ),
    }),
  });
}
