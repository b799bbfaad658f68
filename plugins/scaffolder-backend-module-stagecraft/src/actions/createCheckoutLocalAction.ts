import { ANNOTATION_LOCATION } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  deserializeDirectoryContents,
} from '@backstage/plugin-scaffolder-node';
import {
  PermissionsService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { stagecraftRepositoryWritePermission } from '../permissions';
import type { LocalRepositories } from '../repositories/LocalRepositories';
import { componentField, componentRefOf } from './componentInput';

/**
 * `stagecraft:repository:checkout` — copies the last commit of a component's local repository
 * into the workspace, so later steps edit, validate and commit it back
 * (`stagecraft:publish:local` with `mode: update` and `baseCommit`). The component is read
 * from the catalog as the user running the template; a component from anywhere else than the
 * configured directory (a GitHub URL, say) is refused with what to use instead. It needs
 * `stagecraft.repository.write` on the component, as the commit does (checked again then).
 *
 * @public
 */
export function createCheckoutLocalAction(options: {
  repositories: LocalRepositories;
  catalog: CatalogService;
  permissions: PermissionsService;
}) {
  return createTemplateAction({
    id: 'stagecraft:repository:checkout',
    description:
      "Copies the last commit of a component's local repository (the embedded default's publish:local) into the workspace. Outputs the repository, the commit and the catalog file's path, for publish:local's update.",
    supportsDryRun: true,
    schema: {
      input: {
        component: componentField,
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Where in the workspace to put the files'),
      },
      output: {
        repository: z => z.string(),
        baseCommit: z => z.string(),
        catalogInfoPath: z =>
          z.string().describe('The catalog file, relative to the repository'),
      },
    },
    async handler(ctx) {
      const componentRef = componentRefOf(ctx.input.component);
      const credentials = await ctx.getInitiatorCredentials();
      const entity = await options.catalog.getEntityByRef(componentRef, {
        credentials,
      });
      if (!entity)
        throw new NotFoundError(`The catalog has no ${componentRef}`);
      const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
      const source = options.repositories.repositoryOfLocation(location);
      if (!source)
        throw new InputError(
          `${componentRef} does not come from a local repository (its location is ${location}): for a component in GitHub or GitLab, fetch it with fetch:plain and propose the change with publish:github:pull-request or publish:gitlab:merge-request (templates/README.md shows how)`,
        );
      // The checkout is the first step of a change: refuse it now, not after the edit and the
      // validation (and it keeps a template, or a dry run, from copying out a repository its
      // user could not change).
      const [decision] = await options.permissions.authorize(
        [
          {
            permission: stagecraftRepositoryWritePermission,
            resourceRef: componentRef,
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW)
        throw new NotAllowedError(
          `You may not change ${componentRef}: only its owners (or the platform team) may. Ask them to make the change`,
        );
      const repo = options.repositories.component(source.name);
      const baseCommit = await repo.head();
      if (!baseCommit)
        throw new NotFoundError(
          `The local repository ${source.name} of ${componentRef} has no commit`,
        );
      const files = await repo.committedFiles();
      await deserializeDirectoryContents(
        resolveSafeChildPath(ctx.workspacePath, ctx.input.targetPath ?? '.'),
        files,
      );
      ctx.logger.info(
        `${componentRef}: ${files.length} files of ${
          source.name
        } at ${baseCommit.slice(0, 12)}`,
      );
      ctx.output('repository', source.name);
      ctx.output('baseCommit', baseCommit);
      ctx.output('catalogInfoPath', source.filePath);
    },
  });
}
