import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  parseEntityDocuments,
  validateEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { stringifyEntityRef, Entity } from '@backstage/catalog-model';
import { readFile } from 'node:fs/promises';

/**
 * `stagecraft:catalog:validate` — checks the catalog-info file a template produced before it
 * is published, so a golden path never opens a pull request the catalog would reject.
 *
 * @public
 */
export function createValidateCatalogInfoAction() {
  return createTemplateAction({
    id: 'stagecraft:catalog:validate',
    description:
      'Validates a catalog-info YAML file in the workspace against the catalog model and Stagecraft kinds. Fails the step with every problem found.',
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
      const { documents, problems } = parseEntityDocuments(
        text,
        ctx.input.filePath,
      );
      for (const document of documents) {
        problems.push(...(await validateEntity(document)));
      }
      if (problems.length > 0) {
        const lines = problems.map(
          p =>
            `- ${p.entityRef ?? p.source}${p.path ? ` ${p.path}` : ''}: ${
              p.message
            }`,
        );
        throw new InputError(
          `${ctx.input.filePath} is not valid:\n${lines.join('\n')}`,
        );
      }
      const entityRefs = documents.map(d =>
        stringifyEntityRef(d.value as unknown as Entity),
      );
      ctx.logger.info(
        `${ctx.input.filePath}: ${
          entityRefs.length
        } valid entities (${entityRefs.join(', ')})`,
      );
      ctx.output('entityRefs', entityRefs);
    },
  });
}
