import { Entity } from '@backstage/catalog-model';
import { formatProblem } from '@stagecraft/plugin-stagecraft-common';
import {
  compileSafely,
  componentsDeployedIn,
  diagnosticProblem,
  documentProblems,
  serializeManifests,
  sourcesOf,
} from '@stagecraft/plugin-stagecraft-node';
import { ExitCode, Io } from '../ExitCode';
import { loadForCommand } from '../files/loadCatalogFiles';

/**
 * `stagecraft render --env <env> <paths...>`: compiles every component with deploy intent whose
 * pipeline has the stage `<env>` (as the control plane deploys them; stderr names each one left
 * out and why) and prints multi-document YAML to stdout, diagnostics to stderr in the format
 * of `validate` (file, entity, field, environment). Invalid input or any compile error
 * prints no YAML at all: a partial render is never mistaken for a whole one.
 */
export async function renderCommand(
  paths: string[],
  options: { env: string },
  io: Io,
): Promise<number> {
  const loaded = await loadForCommand('render', paths, io.err);
  if (!loaded) return ExitCode.Usage;
  const problems = [...loaded.problems];
  for (const document of loaded.documents)
    problems.push(...(await documentProblems(document)));
  if (problems.length > 0) {
    for (const p of problems) io.err(`${formatProblem(p)}\n`);
    io.err(
      `stagecraft render: ${problems.length} validation problem(s); nothing rendered\n`,
    );
    return ExitCode.Problems;
  }
  const entities = loaded.documents.map(d => d.value as unknown as Entity);
  const sources = sourcesOf(loaded.documents);
  // Only what the control plane would deploy there, as validate compiles each stage.
  const { deployed, skipped } = componentsDeployedIn(entities, options.env);
  for (const { entityRef, reason } of skipped)
    io.err(
      `stagecraft render: ${entityRef} is not rendered for ${options.env}: ${reason}\n`,
    );
  const result = compileSafely({
    entities,
    environment: options.env,
    deployed,
  });
  for (const d of result.diagnostics)
    io.err(`${formatProblem(diagnosticProblem(d, sources))}\n`);
  if (result.diagnostics.some(d => d.severity === 'error')) {
    io.err(
      `stagecraft render: compile errors for ${options.env}; nothing rendered\n`,
    );
    return ExitCode.Problems;
  }
  io.out(serializeManifests(result.manifests));
  return ExitCode.Ok;
}
