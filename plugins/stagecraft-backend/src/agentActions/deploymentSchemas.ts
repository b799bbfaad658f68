import type { Zod } from './componentInput';

/*
 * Output schemas of what the deployment service answers, in the REST API's field names (the
 * OpenAPI spec describes the same shapes), so an agent, the CLI and the portal read one shape.
 */

/** One deployment of a component in an environment: `DeploymentStatus`. */
export const deploymentStatusSchema = (z: Zod) =>
  z.object({
    componentRef: z.string().describe('The component, as a full entity ref.'),
    environment: z.string().describe('The environment it is deployed to.'),
    target: z
      .string()
      .describe(
        'The data-plane target (cluster or GitOps repo) of the environment.',
      ),
    releaseId: z
      .string()
      .describe(
        'The release the environment should run (SHA-256 id); pass it to rollback to return here later.',
      ),
    image: z
      .string()
      .optional()
      .describe('The container image of that release.'),
    desiredState: z
      .enum(['deployed', 'undeployed'])
      .describe('Whether the component should run there at all.'),
    generation: z
      .number()
      .describe(
        'Counts changes of the desired state; sync.observedGeneration catches up to it.',
      ),
    updatedBy: z
      .string()
      .describe(
        'Who deployed (last changed) it: a user entity ref (user:default/jane), a service principal (service:plugin:mcp-actions) or the control plane itself (stagecraft:catalog-trigger).',
      ),
    updatedAt: z.string().describe('When that was, ISO 8601.'),
    sync: z
      .object({
        state: z
          .enum([
            'synced',
            'progressing',
            'degraded',
            'drifted',
            'pending',
            'failed',
            'unknown',
          ])
          .describe(
            "synced: running as desired; progressing: rolling out; degraded: applied but not healthy; drifted: changed by hand; pending: not reconciled yet; failed: could not be applied; unknown: applied, but the target's cluster cannot be read now (the reason says why).",
          ),
        reason: z
          .string()
          .describe('What is happening or what is wrong, in words.'),
        observedGeneration: z
          .number()
          .optional()
          .describe('The generation the last reconcile acted on.'),
        lastAppliedReleaseId: z
          .string()
          .optional()
          .describe('The release the data plane last received.'),
        lastSyncedAt: z
          .string()
          .optional()
          .describe('When the last reconcile finished, ISO 8601.'),
        lastChange: z
          .object({
            summary: z.string().describe('What it changed.'),
            at: z.string().optional().describe('When, ISO 8601.'),
          })
          .optional()
          .describe('What the last reconcile that changed something did.'),
        revision: z
          .string()
          .optional()
          .describe('Target-specific revision, e.g. the GitOps commit.'),
      })
      .describe('How far the data plane got.'),
    replicas: z
      .object({
        desired: z.number().describe('Replicas asked for.'),
        ready: z.number().describe('Replicas ready to serve.'),
        updated: z.number().describe('Replicas already running this release.'),
        available: z.number().optional().describe('Replicas available.'),
        old: z
          .number()
          .optional()
          .describe('Pods of earlier releases still running or terminating.'),
      })
      .optional()
      .describe(
        'Replica counts; absent where the target does not report them.',
      ),
    urls: z
      .array(z.string())
      .describe("URLs the component's endpoints are reachable at there."),
    pendingConnections: z
      .array(
        z.object({
          consumerRef: z
            .string()
            .describe('The component that depends on the endpoint.'),
          endpointRef: z.string().describe('The endpoint it depends on.'),
          providerRef: z
            .string()
            .describe(
              'The component serving the endpoint, not deployed in this environment yet.',
            ),
          environment: z.string().describe('The environment.'),
          message: z.string().describe('The same, as a sentence.'),
        }),
      )
      .describe(
        'Dependencies whose provider is not deployed in this environment yet: traffic flows once it is (deploy or promote the provider).',
      ),
  });

/** A promotion waiting for, or decided by, an approver: `ApprovalRequest`. */
export const approvalRequestSchema = (z: Zod) =>
  z.object({
    id: z
      .number()
      .describe(
        'The approval id; approve-promotion and deny-promotion take it.',
      ),
    componentRef: z.string().describe('The component to promote.'),
    environment: z.string().describe('The environment the promotion enters.'),
    releaseId: z.string().describe('The release it would deploy there.'),
    fromEnvironment: z
      .string()
      .describe('The environment the release comes from.'),
    requestedBy: z
      .string()
      .describe('Who asked; they may not approve their own request.'),
    requestedAt: z.string().describe('When, ISO 8601.'),
    state: z
      .enum(['pending', 'approved', 'denied'])
      .describe('pending until someone else approves or denies it.'),
    decidedBy: z.string().optional().describe('Who decided, once decided.'),
    decidedAt: z.string().optional().describe('When, ISO 8601.'),
    comment: z.string().optional().describe("The decider's comment."),
  });
