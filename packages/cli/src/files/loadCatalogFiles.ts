import {
  EntityDocument,
  EntityProblem,
  parseEntityDocuments,
  validateEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { readFile } from 'node:fs/promises';
import { collectYamlFiles } from './collectYamlFiles';

/** Every entity document under `paths`, with every parse and validation problem. */
export async function loadCatalogFiles(paths: string[]): Promise<{
  files: string[];
  documents: EntityDocument[];
  problems: EntityProblem[];
}> {
  const files = await collectYamlFiles(paths);
  const documents: EntityDocument[] = [];
  const problems: EntityProblem[] = [];
  for (const file of files) {
    const parsed = parseEntityDocuments(await readFile(file, 'utf8'), file);
    problems.push(...parsed.problems);
    for (const document of parsed.documents) {
      documents.push(document);
      problems.push(...(await validateEntity(document)));
    }
  }
  return { files, documents, problems };
}

/**
 * {@link loadCatalogFiles} for a command: an unreadable path is reported on stderr and gives
 * `undefined`, which the command turns into the usage exit code.
 */
export async function loadForCommand(
  command: string,
  paths: string[],
  err: (text: string) => void,
) {
  try {
    return await loadCatalogFiles(paths);
  } catch (error) {
    err(`stagecraft ${command}: ${(error as Error).message}\n`);
    return undefined;
  }
}

export function formatProblem(p: EntityProblem): string {
  const where = [p.entityRef, p.path].filter(Boolean).join(' ');
  return `${p.source}: ${where ? `${where}: ` : ''}${p.message}\n`;
}
