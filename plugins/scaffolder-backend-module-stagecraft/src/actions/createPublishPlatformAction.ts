import type { PermissionsService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { stagecraftPlatformRepositoryWritePermission } from '../permissions';
import { addToRepository } from '../repositories/commitToRepository';
import { entitiesOfFile } from '../repositories/entitiesOfFile';
import type { LocalCatalogRegistration } from '../repositories/LocalCatalogRegistration';
import type { LocalRepositories } from '../repositories/LocalRepositories';
import {
  gitAuthorOf,
  taskTrailer,
  workspaceFiles,
} from '../repositories/workspaceFiles';

/**
 * `stagecraft:publish:platform` — commits the workspace's YAML files (a new Environment,
 * DeploymentPipeline, ComponentType or Trait) into the platform team's local repository, which
 * the catalog reads through a location whose rules admit the platform kinds, and waits until
 * the catalog shows them. Needs `stagecraft.platform-repository.write` (the platform team): the
 * platform kinds decide what runs where and how safely. An existing file is never overwritten
 * with other content; running the step twice commits once.
 *
 * @public
 */
export function createPublishPlatformAction(options: {
  repositories: LocalRepositories;
  registration: LocalCatalogRegistration;
  permissions: PermissionsService;
}) {
  return createTemplateAction({
    id: 'stagecraft:publish:platform',
    description:
      "Commits the workspace's YAML files into the platform team's repository (platform kinds: Environment, DeploymentPipeline, ComponentType, Trait) and waits until the catalog shows them. Platform team only.",
    supportsDryRun: true,
    schema: {
      input: {
        sourcePath: z =>
          z
            .string()
            .default('.')
            .describe(
              'The workspace directory whose .yaml files are committed',
            ),
        commitMessage: z =>
          z.string().default('Added by a Stagecraft platform template'),
      },
      output: {
        commitHash: z => z.string(),
        entityRefs: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      // The scaffolder checks inputs against the schema but does not fill in its defaults.
      const {
        sourcePath = '.',
        commitMessage = 'Added by a Stagecraft platform template',
      } = ctx.input;
      const files = (
        await workspaceFiles(ctx.workspacePath, sourcePath)
      ).filter(f => f.path.endsWith('.yaml'));
      // The catalog reads `<platform repository>/*.yaml`: a file in a folder would never show.
      const nested = files.filter(f => f.path.includes('/'));
      if (files.length === 0 || nested.length > 0)
        throw new InputError(
          files.length === 0
            ? `${sourcePath} holds no .yaml file to publish`
            : `Only top-level .yaml files are published (${nested
                .map(f => f.path)
                .join(', ')} is in a folder)`,
        );
      const entities = files.flatMap(f => entitiesOfFile(f.content, f.path));
      const entityRefs = entities.map(e => stringifyEntityRef(e));
      ctx.output('entityRefs', entityRefs);
      const credentials = await ctx.getInitiatorCredentials();
      const [decision] = await options.permissions.authorize(
        [{ permission: stagecraftPlatformRepositoryWritePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW)
        throw new NotAllowedError(
          'Only the platform team may add Environments, pipelines, component types and traits: ask a platform admin to run this template',
        );
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would commit ${files.map(f => f.path).join(', ')}`,
        );
        ctx.output('commitHash', 'dry-run');
        return;
      }
      const result = await addToRepository(options.repositories.platform(), {
        files,
        message: commitMessage,
        author: gitAuthorOf(ctx.user),
        trailer: taskTrailer(ctx.task.id, ctx.step?.id),
      });
      ctx.output('commitHash', result.commit);
      const { platformDirectory, catalogTimeoutSeconds } =
        options.repositories.options;
      await options.registration.refreshLocationsUnder(platformDirectory);
      await options.registration.waitUntilShown(entities, credentials, {
        timeoutSeconds: catalogTimeoutSeconds,
        logger: ctx.logger,
        signal: ctx.signal,
      });
      ctx.logger.info(`The catalog shows ${entityRefs.join(', ')}`);
    },
  });
}
