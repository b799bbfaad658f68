import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import type { StagecraftClient } from '../client/StagecraftClient';
import { sleep } from '../sleep';
import {
  componentField,
  componentRefOf,
  deployTabUrlOf,
  environmentField,
} from './componentInput';
import { waitForDeployment } from './waitForDeployment';

/**
 * `stagecraft:deploy` — deploys a registered component (its latest intent, as the catalog
 * holds it now) to an environment, or re-applies what runs there, and optionally waits until
 * it is synced with every replica ready. The write runs in the Stagecraft plugin as the user
 * running the template: their permission, the pipeline rule and the audit trail are the REST
 * API's. The call is made once per task (a checkpoint), so a resumed task waits for the
 * deployment it already asked for instead of asking again.
 *
 * @public
 */
export function createDeployAction(options: {
  client: StagecraftClient;
  /** Milliseconds between status reads while waiting; tests shorten it. */
  pollIntervalMs?: number;
  /** How long a component just published may be unknown to the control plane. */
  catalogCatchUpMs?: number;
}) {
  return createTemplateAction({
    id: 'stagecraft:deploy',
    description:
      "Deploys a registered component to an environment (default: its pipeline's first) as the user running the template, and optionally waits until it is synced with its replicas ready. Outputs the state, the URLs it is reachable at and a link to its Deploy tab.",
    supportsDryRun: true,
    examples: [
      {
        description:
          'Deploy the new component to the first environment and wait',
        example: `steps:
  - id: deploy
    action: stagecraft:deploy
    input:
      component: \${{ steps.publish.output.entityRef }}
      wait: true
      timeoutSeconds: 180
`,
      },
    ],
    schema: {
      input: {
        component: componentField,
        environment: z =>
          environmentField(
            z,
            "The environment; the first stage of the component's pipeline when absent",
          ).optional(),
        redeploy: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'Re-apply the release the environment runs instead of deploying the latest intent',
            ),
        refresh: z =>
          z
            .boolean()
            .default(true)
            .describe(
              'Have the catalog re-read the component first (the plugin then waits up to 10 s for a change); false right after stagecraft:publish:local, which already waited until the catalog showed the commit',
            ),
        wait: z =>
          z
            .boolean()
            .default(false)
            .describe(
              'Wait until the deployment is synced with its replicas ready',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(3600)
            .default(300)
            .describe('How long to wait, in seconds'),
      },
      output: {
        componentRef: z => z.string(),
        environment: z => z.string(),
        state: z =>
          z
            .string()
            .describe(
              'synced, progressing, degraded, drifted, pending, failed or unknown (cluster unreachable); dry-run in a dry run',
            ),
        reason: z => z.string(),
        releaseId: z => z.string().optional(),
        urls: z =>
          z
            .array(z.string())
            .describe("URLs the component's endpoints are reachable at there"),
        replicas: z =>
          z.object({ desired: z.number(), ready: z.number() }).optional(),
        deployTabUrl: z =>
          z.string().describe("The component's Deploy tab in the portal"),
      },
    },
    async handler(ctx) {
      const component = componentRefOf(ctx.input.component);
      ctx.output('componentRef', component);
      ctx.output('deployTabUrl', deployTabUrlOf(component));
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would deploy ${component} to ${
            ctx.input.environment ?? 'the first stage of its pipeline'
          }`,
        );
        ctx.output('environment', ctx.input.environment ?? '');
        ctx.output('state', 'dry-run');
        ctx.output('reason', 'nothing is deployed in a dry run');
        ctx.output('urls', []);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      // The scaffolder checks inputs against the schema but does not fill in its defaults.
      const {
        environment,
        redeploy = false,
        refresh = true,
        wait = false,
        timeoutSeconds = 300,
      } = ctx.input;
      if (redeploy && !environment)
        throw new InputError(
          'redeploy re-applies what one environment runs: name the environment',
        );
      // Once per task: on resume the checkpoint returns what the first run was answered.
      const asked = (await ctx.checkpoint({
        key: `stagecraft-deploy:${component}:${environment ?? ''}:${redeploy}`,
        fn: async () => {
          const status =
            redeploy && environment
              ? await options.client.redeploy(
                  { component, environment: environment! },
                  credentials,
                )
              : await untilKnown(
                  () =>
                    options.client.deploy(
                      { component, environment, refresh },
                      credentials,
                    ),
                  options.catalogCatchUpMs ?? 5_000,
                  options.pollIntervalMs ?? 500,
                  ctx.signal,
                );
          return status as unknown as JsonObject;
        },
      })) as unknown as DeploymentStatus;
      ctx.logger.info(
        `${component}: ${
          redeploy ? 'redeploying' : 'deploying'
        } release ${asked.releaseId.slice(0, 12)} to ${asked.environment}`,
      );
      const final = wait
        ? await waitForDeployment(
            options.client,
            asked,
            credentials,
            ctx.logger,
            {
              timeoutSeconds,
              pollIntervalMs: options.pollIntervalMs,
              signal: ctx.signal,
            },
          )
        : asked;
      ctx.output('environment', final.environment);
      ctx.output('state', final.sync.state);
      ctx.output('reason', final.sync.reason);
      ctx.output('releaseId', final.releaseId);
      ctx.output('urls', final.urls);
      if (final.replicas)
        ctx.output('replicas', {
          desired: final.replicas.desired,
          ready: final.replicas.ready,
        });
      for (const url of final.urls) ctx.logger.info(`Reachable at ${url}`);
    },
  });
}

/**
 * The control plane refuses a name only once a catalog read at most 2 s old lacks it, so a
 * component the catalog has just shown (publish:local waits for that) can still be unknown to
 * it for that long. Its
 * "not in the catalog" refusal of the component, which changed nothing, is asked again until
 * `withinMs` passed; any other answer (an unknown environment too) fails the step at once.
 */
async function untilKnown<T>(
  call: () => Promise<T>,
  withinMs: number,
  intervalMs: number,
  signal?: AbortSignal,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const unknown =
        (error as Error)?.name === 'NotFoundError' &&
        /(^|\s)component:\S+ is not in the catalog$/.test(
          (error as Error).message,
        );
      if (!unknown || Date.now() >= deadline) throw error;
    }
    await sleep(intervalMs, signal);
  }
}
