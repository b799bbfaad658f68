import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  pipelineRefFor,
  pipelineStages,
  projectRefOf,
} from '@stagecraft/plugin-stagecraft-common';
import { deployRelevantHash } from '@stagecraft/plugin-stagecraft-node';
import type { AgentActionDeps } from './AgentActionDeps';
import {
  componentField,
  componentRefOfInput,
  environmentField,
} from './componentInput';
import { deploymentStatusSchema } from './deploymentSchemas';

/** How long `deploy` waits for the catalog to show a refreshed intent. */
const REFRESH_WAIT_MS = 10_000;
const LOOK_EVERY_MS = 100;

/**
 * `deploy`: "deploy what I just committed". The catalog re-reads the component's entity (its
 * refresh, with the caller's credentials) instead of at its processing interval; the action
 * waits, bounded, until the catalog serves a changed intent and the catalog trigger has turned
 * it into a release, then deploys the latest release through the deployment service — the same
 * permission check, pipeline rule and audit event as every other deploy.
 */
export function registerDeployAction(deps: AgentActionDeps) {
  const { registry, actions, catalog, catalogTrigger } = deps;
  registry.register({
    name: 'deploy',
    title: 'Deploy the latest intent',
    description: [
      "Deploys a component's latest intent to an environment (default: the first stage of its pipeline).",
      'First the catalog re-reads the component from its repository, so a change committed a moment ago is released without waiting for the catalog to notice it (set refresh to false to skip this); the action waits up to 10 seconds for the change to show.',
      'Refused where the pipeline rule refuses a deploy (an approval-gated stage takes promote and an approval) and when the caller may not deploy there.',
      'It returns the deployment at once after recording it: call get-component-status or get-runtime to watch it converge.',
    ].join(' '),
    attributes: { readOnly: false, destructive: false, idempotent: false },
    schema: {
      input: z =>
        z.object({
          component: componentField(z),
          environment: environmentField(
            z,
            "The environment (default: the first stage of the component's pipeline)",
          ).optional(),
          refresh: z
            .boolean()
            .default(true)
            .describe(
              'Re-read the component from its repository first (default true).',
            ),
        }),
      output: z =>
        z.object({
          deployment: deploymentStatusSchema(z).describe('The deployment.'),
          intentChanged: z
            .boolean()
            .describe(
              'Whether the refresh found a changed intent (which became a new release) before deploying.',
            ),
        }),
    },
    examples: [
      {
        title:
          'Ship what was just committed for checkout-api to its first stage',
        input: { component: 'checkout-api', refresh: true },
      },
    ],
    action: async ({ input, credentials }) => {
      const componentRef = componentRefOfInput(input.component);
      const environment =
        input.environment ??
        (await firstStage(catalog, componentRef, credentials));
      // Refresh and trigger pass cost the catalog work: a caller who may not deploy here is
      // refused first, by the service's own check (the deploy below runs it again, in its audit).
      await actions.authorizeDeploy(
        { componentRef, environment },
        { credentials },
      );
      let intentChanged = false;
      if (input.refresh !== false) {
        const before = await servedHash(catalog, componentRef, credentials);
        await catalog.refreshEntity(componentRef, { credentials });
        const deadline = Date.now() + REFRESH_WAIT_MS;
        while (!intentChanged && Date.now() < deadline) {
          await new Promise(r => setTimeout(r, LOOK_EVERY_MS));
          intentChanged =
            (await servedHash(catalog, componentRef, credentials)) !== before;
        }
      }
      // A pass that starts now sees what the catalog serves: the new release exists before the
      // deploy picks the latest. (With an unchanged intent it finds nothing new.)
      await catalogTrigger?.run();
      const deployment = await actions.deploy(
        { componentRef, environment },
        { credentials },
      );
      return { output: { deployment, intentChanged } };
    },
  });
}

async function servedHash(
  catalog: CatalogService,
  ref: string,
  credentials: BackstageCredentials,
): Promise<string | null> {
  return deployRelevantHash(await catalog.getEntityByRef(ref, { credentials }));
}

/** The first stage of the component's pipeline, as the caller sees the catalog. */
async function firstStage(
  catalog: CatalogService,
  componentRef: string,
  credentials: BackstageCredentials,
): Promise<string> {
  const component = await catalog.getEntityByRef(componentRef, {
    credentials,
  });
  if (!component)
    throw new NotFoundError(
      `${componentRef} is not in the catalog; list-projects lists the components`,
    );
  const projectRef = projectRefOf(component);
  const system = projectRef
    ? await catalog.getEntityByRef(projectRef, { credentials })
    : undefined;
  const pipelineRef = pipelineRefFor(component, system);
  const pipeline = await catalog.getEntityByRef(pipelineRef, { credentials });
  const first = pipeline && pipelineStages(pipeline)?.[0]?.environment;
  if (!first)
    throw new NotFoundError(
      `${componentRef} follows no valid pipeline, so it has no first stage: name the environment`,
    );
  return first;
}
