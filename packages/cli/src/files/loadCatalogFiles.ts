import {
  EntityDocument,
  EntityProblem,
  parseEntityDocuments,
} from '@stagecraft/plugin-stagecraft-common';
import { readFile } from 'node:fs/promises';
import { collectYamlFiles } from './collectYamlFiles';

/**
 * Every entity document under `paths`, with every YAML problem (a document that is not an
 * object, a syntax error). Checking the documents is the commands' job.
 */
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
    documents.push(...parsed.documents);
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
