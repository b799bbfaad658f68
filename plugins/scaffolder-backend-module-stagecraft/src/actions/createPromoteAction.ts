import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import type {
  PromotionOutcome,
  StagecraftClient,
} from '../client/StagecraftClient';
import {
  componentField,
  componentRefOf,
  deployTabUrlOf,
  environmentField,
} from './componentInput';
import { waitForDeployment } from './waitForDeployment';

/**
 * `stagecraft:promote` — promotes the release a component runs in one environment to the next
 * stage of its pipeline, as the user running the template (the Stagecraft plugin applies the
 * pipeline rule, the permission and the audit trail). When the next stage needs an approval it
 * outputs the request and where an approver finds it, and ends: a template never waits for a
 * person. The promotion is asked once per task (a checkpoint; promoting is not idempotent),
 * and the control plane answers a repeated request with the pending approval anyway.
 *
 * @public
 */
export function createPromoteAction(options: {
  client: StagecraftClient;
  /** Milliseconds between status reads while waiting; tests shorten it. */
  pollIntervalMs?: number;
}) {
  return createTemplateAction({
    id: 'stagecraft:promote',
    description:
      'Promotes the release a component runs in an environment to the next stage of its pipeline, as the user running the template. Outputs the new deployment, or the approval request when the next stage needs one (it does not wait for the approver).',
    supportsDryRun: true,
    examples: [
      {
        description: 'Promote from dev to the next stage',
        example: `steps:
  - id: promote
    action: stagecraft:promote
    input:
      component: \${{ parameters.component }}
      from: dev
`,
      },
    ],
    schema: {
      input: {
        component: componentField,
        from: z =>
          environmentField(
            z,
            'The environment whose running release is promoted to the next stage',
          ),
        wait: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'When it deploys at once: wait until synced with its replicas ready',
            ),
        timeoutSeconds: z => z.number().int().min(1).max(3600).default(300),
      },
      output: {
        componentRef: z => z.string(),
        outcome: z =>
          z
            .enum(['deployed', 'approval-requested', 'dry-run'])
            .describe('What the promotion did'),
        environment: z =>
          z.string().describe('The stage the release is promoted into'),
        state: z => z.string().optional(),
        urls: z => z.array(z.string()),
        approvalId: z =>
          z
            .number()
            .optional()
            .describe('The approval request, if one is needed'),
        approvalUrl: z =>
          z
            .string()
            .optional()
            .describe('Where an approver decides: the Deploy tab'),
        deployTabUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      const component = componentRefOf(ctx.input.component);
      const deployTabUrl = deployTabUrlOf(component);
      ctx.output('componentRef', component);
      ctx.output('deployTabUrl', deployTabUrl);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would promote ${component} from ${ctx.input.from}`,
        );
        ctx.output('outcome', 'dry-run');
        ctx.output('environment', '');
        ctx.output('urls', []);
        return;
      }
      // The scaffolder checks inputs against the schema but does not fill in its defaults.
      const { wait = false, timeoutSeconds = 300 } = ctx.input;
      const credentials = await ctx.getInitiatorCredentials();
      const result = (await ctx.checkpoint({
        key: `stagecraft-promote:${component}:${ctx.input.from}`,
        fn: async () =>
          (await options.client.promote(
            { component, from: ctx.input.from },
            credentials,
          )) as unknown as JsonObject,
      })) as unknown as PromotionOutcome;
      ctx.output('outcome', result.outcome);
      if (result.outcome === 'approval-requested') {
        const { approval } = result;
        ctx.logger.info(
          `${component}: promoting into ${approval.environment} needs an approval; request #${approval.id} waits for someone other than ${approval.requestedBy} on the Deploy tab`,
        );
        ctx.output('environment', approval.environment);
        ctx.output('approvalId', approval.id);
        ctx.output('approvalUrl', deployTabUrl);
        ctx.output('urls', []);
        return;
      }
      const deployment = wait
        ? await waitForDeployment(
            options.client,
            result.deployment,
            credentials,
            ctx.logger,
            {
              timeoutSeconds,
              pollIntervalMs: options.pollIntervalMs,
              signal: ctx.signal,
            },
          )
        : result.deployment;
      ctx.logger.info(
        `${component}: promoted to ${deployment.environment} (${deployment.sync.state})`,
      );
      ctx.output('environment', deployment.environment);
      ctx.output('state', deployment.sync.state);
      ctx.output('urls', deployment.urls);
    },
  });
}
