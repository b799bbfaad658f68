import {
  EntityProblem,
  parseEntityDocuments,
  validateEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { readFile } from 'node:fs/promises';
import { collectYamlFiles } from '../files/collectYamlFiles';
import { ExitCode, Io } from '../ExitCode';

/**
 * `stagecraft validate <paths...>`: prints one line per problem,
 * `<file>: <entity> <field>: <reason>`, and a summary.
 */
export async function validateCommand(
  paths: string[],
  io: Io,
): Promise<number> {
  let files: string[];
  try {
    files = await collectYamlFiles(paths);
  } catch (error) {
    io.err(`stagecraft validate: ${(error as Error).message}\n`);
    return ExitCode.Usage;
  }

  const problems: EntityProblem[] = [];
  let entities = 0;
  for (const file of files) {
    const parsed = parseEntityDocuments(await readFile(file, 'utf8'), file);
    problems.push(...parsed.problems);
    for (const document of parsed.documents) {
      entities += 1;
      problems.push(...(await validateEntity(document)));
    }
  }

  for (const p of problems) {
    const where = [p.entityRef, p.path].filter(Boolean).join(' ');
    io.out(`${p.source}: ${where ? `${where}: ` : ''}${p.message}\n`);
  }
  io.out(
    `${problems.length} problem(s) in ${entities} entities from ${files.length} file(s)\n`,
  );
  return problems.length > 0 ? ExitCode.Problems : ExitCode.Ok;
}
