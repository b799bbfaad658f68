import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  formatProblem,
  parseEntityDocuments,
} from '@stagecraft/plugin-stagecraft-common';
import {
  CompileContextReader,
  validateDocuments,
} from '@stagecraft/plugin-stagecraft-node';
import { stringifyEntityRef, Entity } from '@backstage/catalog-model';
import { readFile } from 'node:fs/promises';

/**
 * `stagecraft:catalog:validate` — checks the catalog-info file a template produced before it
 * is published, so a golden path never opens a pull request the catalog would reject or the
 * control plane could not deploy: every document's own problems, then each component with
 * deploy intent compiled against the catalog for every environment of its pipeline, together
 * with the deployable components the project already has, exactly as `stagecraft validate`
 * does. Platform kinds (Environment, DeploymentPipeline, ComponentType, Trait) in the file are
 * refused: they come only from the platform team's catalog locations, and compiling uses the
 * catalog's. The catalog is read with the credentials of the user who runs the template.
 *
 * @public
 */
export function createValidateCatalogInfoAction(options: {
  catalog: CatalogService;
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
        filePath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('Path of the YAML file, relative to the workspace'),
      },
      output: {
        entityRefs: z =>
          z.array(z.string()).describe('Refs of the entities in the file'),
      },
    },
    async handler(ctx) {
      const path = resolveSafeChildPath(ctx.workspacePath, ctx.input.filePath);
      const text = await readFile(path, 'utf8').catch(error => {
        throw new InputError(
          `Cannot read ${ctx.input.filePath}: ${error.message}`,
        );
      });
      const parsed = parseEntityDocuments(text, ctx.input.filePath);
      const credentials = await ctx.getInitiatorCredentials();
      const reader = new CompileContextReader({
        getEntities: request =>
          options.catalog.getEntities(request, { credentials }),
        getEntitiesByRefs: request =>
          options.catalog.getEntitiesByRefs(request, { credentials }),
      });
      const entities = parsed.documents.map(d => d.value as unknown as Entity);
      const result = await validateDocuments({
        documents: parsed.documents,
        catalog: await reader.entitiesFor(entities),
        // The file is a developer's: it may not bring its own Environment, pipeline, type or
        // trait (the catalog would reject them from its repository), so the catalog's are used.
        author: 'developer',
      });
      const problems = [...parsed.problems, ...result.problems];
      for (const warning of problems.filter(p => p.severity === 'warning'))
        ctx.logger.warn(formatProblem(warning));
      const errors = problems.filter(p => p.severity !== 'warning');
      if (errors.length > 0) {
        throw new InputError(
          `${ctx.input.filePath} is not valid:\n${errors
            .map(p => `- ${formatProblem(p)}`)
            .join('\n')}`,
        );
      }
      if (!result.compiled) {
        ctx.logger.warn(
          'The catalog holds no Stagecraft Environment or DeploymentPipeline: nothing was compiled',
        );
      }
      const entityRefs = entities.map(e => stringifyEntityRef(e));
      ctx.logger.info(
        `${ctx.input.filePath}: ${
          entityRefs.length
        } valid entities (${entityRefs.join(', ')})`,
      );
      ctx.output('entityRefs', entityRefs);
    },
  });
}
