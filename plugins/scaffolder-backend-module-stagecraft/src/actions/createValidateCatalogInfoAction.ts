import { stringifyEntityRef, Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { formatProblem } from '@stagecraft/plugin-stagecraft-common';
import { validateDocuments } from '@stagecraft/plugin-stagecraft-node';
import { stagecraftPlatformRepositoryWritePermission } from '../permissions';
import {
  catalogContextFor,
  filePathField,
  isError,
  problemsError,
  readWorkspaceDocuments,
} from './workspaceDocuments';

/**
 * `stagecraft:catalog:validate` — checks the catalog-info file a template produced before it
 * is published, so a golden path never opens a pull request the catalog would reject or the
 * control plane could not deploy: every document's own problems, then each component with
 * deploy intent compiled against the catalog for every environment of their pipeline,
 * together with the deployable components the project already has, exactly as
 * `stagecraft validate` does. Platform kinds (Environment, DeploymentPipeline, ComponentType,
 * Trait) in the file are refused unless `author: platform` — the platform team's templates,
 * whose users must hold the permission to write the platform repository: they come only from
 * the platform team's catalog locations. The catalog is read with the credentials of the user
 * who runs the template.
 *
 * @public
 */
export function createValidateCatalogInfoAction(options: {
  catalog: CatalogService;
  /** Needed for `author: platform`; without it such a step is refused. */
  permissions?: PermissionsService;
}) {
  return createTemplateAction({
    id: 'stagecraft:catalog:validate',
    description:
      'Validates a catalog-info YAML file in the workspace against the catalog model and Stagecraft kinds, and compiles its components for every environment of their pipeline against the catalog. Fails the step with every problem found.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Validate the generated catalog-info.yaml',
        example:
          'steps:\n  - id: validate\n    action: stagecraft:catalog:validate\n    input:\n      filePath: catalog-info.yaml\n',
      },
    ],
    schema: {
      input: {
        filePath: filePathField,
        author: z =>
          z
            .enum(['developer', 'platform'])
            .default('developer')
            .describe(
              "developer: platform kinds in the file are refused and the catalog's are used; platform: the file may hold them (needs the permission to write the platform repository)",
            ),
      },
      output: {
        entityRefs: z =>
          z.array(z.string()).describe('Refs of the entities in the file'),
      },
    },
    async handler(ctx) {
      // The scaffolder checks inputs against the schema but does not fill in its defaults.
      const { filePath = 'catalog-info.yaml' } = ctx.input;
      // Not trusting the schema default: anything but an explicit `platform` is a developer.
      const author = ctx.input.author === 'platform' ? 'platform' : 'developer';
      const parsed = await readWorkspaceDocuments(ctx.workspacePath, filePath);
      const credentials = await ctx.getInitiatorCredentials();
      if (author === 'platform') {
        const [decision] = (await options.permissions?.authorize(
          [{ permission: stagecraftPlatformRepositoryWritePermission }],
          { credentials },
        )) ?? [{ result: AuthorizeResult.DENY }];
        if (decision.result !== AuthorizeResult.ALLOW)
          throw new NotAllowedError(
            'Only the platform team may validate platform kinds as their author: ask a platform admin to run this template',
          );
      }
      const entities = parsed.documents.map(d => d.value as unknown as Entity);
      const result = await validateDocuments({
        documents: parsed.documents,
        catalog: await catalogContextFor(
          options.catalog,
          credentials,
          entities,
        ),
        // A developer's file may not bring its own Environment, pipeline, type or trait (the
        // catalog would reject them from its repository), so the catalog's are used.
        author,
      });
      const problems = [...parsed.problems, ...result.problems];
      for (const warning of problems.filter(p => !isError(p)))
        ctx.logger.warn(formatProblem(warning));
      const errors = problems.filter(isError);
      if (errors.length > 0) throw problemsError(filePath, errors);
      if (!result.compiled) {
        ctx.logger.warn(
          'The catalog holds no Stagecraft Environment or DeploymentPipeline: nothing was compiled',
        );
      }
      const entityRefs = entities.map(e => stringifyEntityRef(e));
      ctx.logger.info(
        `${filePath}: ${entityRefs.length} valid entities (${entityRefs.join(
          ', ',
        )})`,
      );
      ctx.output('entityRefs', entityRefs);
    },
  });
}
