import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  deploymentKeyOf,
  environmentField,
  releaseIdField,
} from './componentInput';
import { deploymentStatusSchema } from './deploymentSchemas';

const AFTER_WRITE =
  'It returns the deployment at once (the change is recorded and a reconcile queued; sync shows how far the cluster got): call get-component-status or get-runtime to watch it converge.';

/** `redeploy`: the current release again, undoing changes made by hand. */
export function registerRedeployAction({ registry, actions }: AgentActionDeps) {
  registry.register({
    name: 'redeploy',
    title: 'Redeploy the current release',
    description: [
      'Re-applies the release a component already runs in an environment, overwriting whatever was changed by hand in the cluster (sync state drifted), with the same permission check and audit trail as the portal.',
      'It deploys nothing new: to ship a newer release use promote.',
      AFTER_WRITE,
    ].join(' '),
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(z),
        }),
      output: z =>
        z.object({
          deployment: deploymentStatusSchema(z).describe('The deployment.'),
        }),
    },
    examples: [
      {
        title: 'Undo a hand edit of checkout-api in staging',
        input: { component: 'checkout-api', environment: 'staging' },
      },
    ],
    action: async ({ input, credentials }) => ({
      output: {
        deployment: await actions.redeploy(deploymentKeyOf(input), {
          credentials,
        }),
      },
    }),
  });
}

/** `rollback`: back to a release that ran in the environment before. */
export function registerRollbackAction({ registry, actions }: AgentActionDeps) {
  registry.register({
    name: 'rollback',
    title: 'Roll back to an earlier release',
    description: [
      'Returns a component in an environment to a release that ran there before (take its releaseId from get-deployment-history), replacing what runs now: pods of the current release are replaced.',
      'Refused for a release that never ran in that environment, and when the caller may not deploy there. Calling it again with the same release changes nothing more.',
      AFTER_WRITE,
    ].join(' '),
    attributes: { readOnly: false, destructive: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(z),
          releaseId: releaseIdField(
            z,
            'The release to return to: a releaseId from get-deployment-history of this environment.',
          ),
        }),
      output: z =>
        z.object({
          deployment: deploymentStatusSchema(z).describe('The deployment.'),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: {
        deployment: await actions.rollback(
          { ...deploymentKeyOf(input), releaseId: input.releaseId },
          { credentials },
        ),
      },
    }),
  });
}

/** `undeploy`: stop running the component in the environment. */
export function registerUndeployAction({ registry, actions }: AgentActionDeps) {
  registry.register({
    name: 'undeploy',
    title: 'Undeploy from an environment',
    description: [
      'Removes a component from an environment: its objects are deleted from the cluster and it stops serving; components depending on it there lose the connection. Its history stays, and promote or a deploy brings it back.',
      'Destructive: confirm with the user first. Calling it again changes nothing more.',
      AFTER_WRITE,
    ].join(' '),
    attributes: { readOnly: false, destructive: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(z),
        }),
      output: z =>
        z.object({
          deployment: deploymentStatusSchema(z).describe(
            'The deployment, desiredState undeployed.',
          ),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: {
        deployment: await actions.undeploy(deploymentKeyOf(input), {
          credentials,
        }),
      },
    }),
  });
}
