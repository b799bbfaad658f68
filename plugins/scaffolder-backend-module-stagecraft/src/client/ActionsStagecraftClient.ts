import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { ActionsService } from '@backstage/backend-plugin-api/alpha';
import type { JsonObject } from '@backstage/types';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import { z } from 'zod';
import { stagecraftErrorOf } from './stagecraftErrorOf';
import type {
  ComponentStatus,
  PromotionOutcome,
  StagecraftClient,
} from './StagecraftClient';

/*
 * Only the fields the actions read are checked; the rest passes through as the control plane
 * sent it (the shapes are the REST API's, see stagecraft-common's api/deployments.ts).
 */
const deploymentSchema = z
  .object({
    componentRef: z.string(),
    environment: z.string(),
    releaseId: z.string(),
    generation: z.number(),
    sync: z
      .object({
        state: z.string(),
        reason: z.string(),
        observedGeneration: z.number().optional(),
      })
      .passthrough(),
    replicas: z
      .object({ desired: z.number(), ready: z.number() })
      .passthrough()
      .optional(),
    urls: z.array(z.string()),
  })
  .passthrough();

/** The writes answer `{deployment}` (redeploy, rollback, deploy); the bare status is taken too. */
const writeSchema = z.union([
  z.object({ deployment: deploymentSchema }).transform(o => o.deployment),
  deploymentSchema,
]);

const promotionSchema = z.union([
  z.object({ outcome: z.literal('deployed'), deployment: deploymentSchema }),
  z.object({
    outcome: z.literal('approval-requested'),
    approval: z
      .object({ id: z.number(), environment: z.string(), state: z.string() })
      .passthrough(),
  }),
]);

const statusSchema = z.object({
  componentRef: z.string(),
  latestRelease: z.object({ id: z.string() }).passthrough().optional(),
  deployments: z.array(deploymentSchema),
});

/**
 * {@link StagecraftClient} over the actions registry: each call invokes a `stagecraft:*`
 * action of the Stagecraft backend plugin (CONTRACT-12: deploy, redeploy, promote,
 * get-component-status) with a token the auth service issues on behalf of the caller, so the
 * Stagecraft plugin checks permissions and records audit events as the user running the
 * template. Its refusals come back as the same `@backstage/errors` types.
 */
export class ActionsStagecraftClient implements StagecraftClient {
  constructor(private readonly actions: ActionsService) {}

  async deploy(
    request: { component: string; environment?: string; refresh?: boolean },
    credentials: BackstageCredentials,
  ): Promise<DeploymentStatus> {
    const output = await this.invoke(
      'deploy',
      { ...request, refresh: request.refresh ?? true },
      credentials,
    );
    return parse(writeSchema, output, 'deploy') as unknown as DeploymentStatus;
  }

  async redeploy(
    request: { component: string; environment: string },
    credentials: BackstageCredentials,
  ): Promise<DeploymentStatus> {
    const output = await this.invoke('redeploy', request, credentials);
    return parse(
      writeSchema,
      output,
      'redeploy',
    ) as unknown as DeploymentStatus;
  }

  async promote(
    request: { component: string; from: string },
    credentials: BackstageCredentials,
  ): Promise<PromotionOutcome> {
    const output = await this.invoke('promote', request, credentials);
    return parse(
      promotionSchema,
      output,
      'promote',
    ) as unknown as PromotionOutcome;
  }

  async getStatus(
    request: { component: string },
    credentials: BackstageCredentials,
  ): Promise<ComponentStatus> {
    const output = await this.invoke(
      'get-component-status',
      request,
      credentials,
    );
    const status = parse(statusSchema, output, 'get-component-status');
    return {
      componentRef: status.componentRef,
      latestReleaseId: status.latestRelease?.id,
      deployments: status.deployments as unknown as DeploymentStatus[],
    };
  }

  private async invoke(
    name: string,
    input: Record<string, string | boolean | undefined>,
    credentials: BackstageCredentials,
  ): Promise<unknown> {
    const defined = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== undefined),
    ) as JsonObject;
    try {
      const { output } = await this.actions.invoke({
        id: `stagecraft:${name}`,
        input: defined,
        credentials,
      });
      return output;
    } catch (error) {
      throw stagecraftErrorOf(error, `stagecraft:${name}`);
    }
  }
}

function parse<T>(
  schema: z.ZodType<T, any>,
  output: unknown,
  action: string,
): T {
  const result = schema.safeParse(output);
  if (!result.success) {
    // A contract mismatch between this module and the Stagecraft plugin, not the user's fault.
    throw new Error(
      `stagecraft:${action} answered in an unexpected shape (${result.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join(
          '; ',
        )}); are the scaffolder module and the Stagecraft backend plugin the same version?`,
    );
  }
  return result.data;
}
