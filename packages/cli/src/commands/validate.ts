import type { Entity } from '@backstage/catalog-model';
import {
  formatProblem,
  hasDeployIntent,
} from '@stagecraft/plugin-stagecraft-common';
import { validateDocuments } from '@stagecraft/plugin-stagecraft-node';
import { loadForCommand } from '../files/loadCatalogFiles';
import { ExitCode, Io } from '../ExitCode';

/**
 * `stagecraft validate <paths...>`: every problem `render` would report for any environment
 * of each component's pipeline, plus each document's own problems, one line each
 * (`<file>: <entity> <field> in <environment>: <reason>`), and a summary. Warnings are printed
 * but do not fail the run.
 */
export async function validateCommand(
  paths: string[],
  io: Io,
): Promise<number> {
  const loaded = await loadForCommand('validate', paths, io.err);
  if (!loaded) return ExitCode.Usage;
  const { files, documents } = loaded;
  const result = await validateDocuments({ documents });
  const problems = [...loaded.problems, ...result.problems];
  for (const p of problems) io.out(`${formatProblem(p)}\n`);
  const errors = problems.filter(p => p.severity !== 'warning').length;
  const warnings = problems.length - errors;
  io.out(
    `${errors} problem(s)${warnings ? `, ${warnings} warning(s)` : ''} in ${
      documents.length
    } entities from ${files.length} file(s)\n`,
  );
  if (
    !result.compiled &&
    documents.some(d => hasDeployIntent(d.value as Entity))
  ) {
    io.err(
      'stagecraft validate: no Environment or DeploymentPipeline in the input, so nothing was compiled; pass the platform catalog too (e.g. `stagecraft validate catalog-info.yaml ../platform/`) to check what render would\n',
    );
  }
  return errors > 0 ? ExitCode.Problems : ExitCode.Ok;
}
