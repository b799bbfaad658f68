import {
  BackstageCredentials,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityDocument,
  EntityProblem,
  formatProblem,
  parseEntityDocuments,
} from '@stagecraft/plugin-stagecraft-common';
import { CompileContextReader } from '@stagecraft/plugin-stagecraft-node';
import { readFile } from 'node:fs/promises';

/** The `filePath` input of the actions that read a catalog-info file of the workspace. */
export const filePathField = (z: typeof import('zod/v3').z) =>
  z
    .string()
    .default('catalog-info.yaml')
    .describe('Path of the YAML file, relative to the workspace');

/**
 * A YAML file of the workspace as entity documents, with the problems of parsing it. A path
 * outside the workspace is refused.
 */
export async function readWorkspaceDocuments(
  workspacePath: string,
  filePath: string,
): Promise<{ documents: EntityDocument[]; problems: EntityProblem[] }> {
  const path = resolveSafeChildPath(workspacePath, filePath);
  const text = await readFile(path, 'utf8').catch(error => {
    throw new InputError(`Cannot read ${filePath}: ${error.message}`);
  });
  return parseEntityDocuments(text, filePath);
}

/**
 * The rest of the catalog the documents' components compile with (the platform, their
 * project, the providers of their dependencies), read as the user running the template so
 * the check sees what they may see.
 */
export function catalogContextFor(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  entities: Entity[],
): Promise<Entity[]> {
  const reader = new CompileContextReader({
    getEntities: request => catalog.getEntities(request, { credentials }),
    getEntitiesByRefs: request =>
      catalog.getEntitiesByRefs(request, { credentials }),
  });
  return reader.entitiesFor(entities);
}

/** The error a step fails with: one line per problem, after the file it is about. */
export function problemsError(
  filePath: string,
  problems: EntityProblem[],
): InputError {
  return new InputError(
    `${filePath} is not valid:\n${problems
      .map(p => `- ${formatProblem(p)}`)
      .join('\n')}`,
  );
}

/** Problems that fail a step; warnings and pending connections are only logged. */
export function isError(problem: EntityProblem): boolean {
  return !problem.severity || problem.severity === 'error';
}
