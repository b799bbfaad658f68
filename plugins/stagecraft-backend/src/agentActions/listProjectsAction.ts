import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  hasDeployIntent,
  isStagecraftEntity,
  projectRefOf,
  StagecraftKind,
  STAGECRAFT_NAMESPACE,
} from '@stagecraft/plugin-stagecraft-common';
import type { DeploymentActions, DeploymentStatus } from '../actions/types';
import type { AgentActionDeps } from './AgentActionDeps';
import { READ_ONLY } from './componentInput';

/**
 * Every deployment the caller may read, by component ref: one read per environment (there are
 * few), each filtered by the service to the components the caller may read.
 */
async function deploymentsByComponent(
  actions: DeploymentActions,
  environments: string[],
  credentials: BackstageCredentials,
): Promise<Map<string, DeploymentStatus[]>> {
  const byComponent = new Map<string, DeploymentStatus[]>();
  const perEnvironment = await Promise.all(
    environments.map(environment =>
      actions
        .listEnvironmentDeployments(environment, { credentials })
        .catch(error => {
          // Just added to the catalog, not yet seen by the control plane: nothing runs there.
          if (error instanceof NotFoundError) return [];
          throw error;
        }),
    ),
  );
  for (const status of perEnvironment.flat()) {
    const list = byComponent.get(status.componentRef) ?? [];
    list.push(status);
    byComponent.set(status.componentRef, list);
  }
  return byComponent;
}

const titleOf = (e: Entity) => e.metadata.title ?? undefined;

/** `list-projects`: projects, their components, and where each one is deployed. */
export function registerListProjectsAction({
  registry,
  actions,
  catalog,
}: AgentActionDeps) {
  registry.register({
    name: 'list-projects',
    title: 'List projects, components and environments',
    description: [
      "Lists Stagecraft's projects (catalog Systems) with their components, and for each component the environments it is deployed to with the release and sync state there; plus every environment in the catalog. Only what the caller may see in the catalog is listed.",
      'Use it to find the component names other actions take, or to get an overview. Next: get-component-status for one component in detail.',
    ].join(' '),
    attributes: READ_ONLY,
    schema: {
      input: z =>
        z.object({
          project: z
            .string()
            .max(63)
            .optional()
            .describe(
              'Only this project (System name, e.g. payments); every project when absent.',
            ),
        }),
      output: z =>
        z.object({
          environments: z
            .array(z.string())
            .describe('Every environment in the catalog, by name.'),
          projects: z
            .array(
              z.object({
                ref: z.string().describe('The System entity ref.'),
                name: z.string().describe('The project name.'),
                title: z.string().optional().describe('Its display title.'),
                description: z.string().optional().describe('What it is.'),
                components: z
                  .array(
                    z.object({
                      ref: z.string().describe('The component entity ref.'),
                      name: z
                        .string()
                        .describe('The name the other actions take.'),
                      deployable: z
                        .boolean()
                        .describe(
                          'Whether it has deploy intent (spec.deploy), so Stagecraft deploys it.',
                        ),
                      deployments: z
                        .array(
                          z.object({
                            environment: z
                              .string()
                              .describe('Environment name.'),
                            releaseId: z
                              .string()
                              .describe('Release it should run.'),
                            desiredState: z
                              .enum(['deployed', 'undeployed'])
                              .describe('Whether it should run there.'),
                            syncState: z
                              .string()
                              .describe(
                                'synced, progressing, degraded, drifted, pending, failed or unknown (cluster unreachable).',
                              ),
                          }),
                        )
                        .describe(
                          'Where it is deployed; empty when nowhere yet.',
                        ),
                    }),
                  )
                  .describe("The project's components."),
              }),
            )
            .describe('The projects, by name.'),
        }),
    },
    examples: [{ title: 'Everything', input: {} }],
    action: async ({ input, credentials }) => {
      const { items } = await catalog.getEntities(
        {
          filter: [
            { kind: 'System', 'metadata.namespace': STAGECRAFT_NAMESPACE },
            { kind: 'Component', 'metadata.namespace': STAGECRAFT_NAMESPACE },
            { kind: 'Environment', 'metadata.namespace': STAGECRAFT_NAMESPACE },
          ],
        },
        { credentials },
      );
      const environments = items
        .filter(e => isStagecraftEntity(e, StagecraftKind.Environment))
        .map(e => e.metadata.name)
        .sort();
      const deployments = await deploymentsByComponent(
        actions,
        environments,
        credentials,
      );
      const components = items.filter(e => e.kind === 'Component');
      const projects = items
        .filter(e => e.kind === 'System')
        .filter(s => !input.project || s.metadata.name === input.project)
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
        .map(system => {
          const ref = stringifyEntityRef(system);
          return {
            ref,
            name: system.metadata.name,
            title: titleOf(system),
            description: system.metadata.description ?? undefined,
            components: components
              // Refs compare case-insensitively, as the catalog does.
              .filter(
                c =>
                  projectRefOf(c)?.toLocaleLowerCase('en-US') ===
                  ref.toLocaleLowerCase('en-US'),
              )
              .map(c => ({
                ref: stringifyEntityRef(c),
                name: c.metadata.name,
                deployable: hasDeployIntent(c),
                deployments: (deployments.get(stringifyEntityRef(c)) ?? []).map(
                  d => ({
                    environment: d.environment,
                    releaseId: d.releaseId,
                    desiredState: d.desiredState,
                    syncState: d.sync.state,
                  }),
                ),
              })),
          };
        });
      if (input.project && projects.length === 0)
        throw new NotFoundError(
          `project "${input.project}" is not in the catalog, or you may not see it; call list-projects without a project to see them all`,
        );
      return { output: { environments, projects } };
    },
  });
}
