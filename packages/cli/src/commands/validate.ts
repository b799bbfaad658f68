import { formatProblem, loadForCommand } from '../files/loadCatalogFiles';
import { ExitCode, Io } from '../ExitCode';

/**
 * `stagecraft validate <paths...>`: prints one line per problem,
 * `<file>: <entity> <field>: <reason>`, and a summary.
 */
export async function validateCommand(
  paths: string[],
  io: Io,
): Promise<number> {
  const loaded = await loadForCommand('validate', paths, io.err);
  if (!loaded) return ExitCode.Usage;
  const { files, documents, problems } = loaded;
  for (const p of problems) io.out(formatProblem(p));
  io.out(
    `${problems.length} problem(s) in ${documents.length} entities from ${files.length} file(s)\n`,
  );
  return problems.length > 0 ? ExitCode.Problems : ExitCode.Ok;
}
