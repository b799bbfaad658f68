import { Entity } from '@backstage/catalog-model';
import {
  compileEnvironment,
  serializeManifests,
} from '@stagecraft/plugin-stagecraft-node';
import { ExitCode, Io } from '../ExitCode';
import { formatProblem, loadForCommand } from '../files/loadCatalogFiles';

/**
 * `stagecraft render --env <env> <paths...>`: compiles every component with deploy intent for
 * one environment and prints multi-document YAML to stdout, diagnostics to stderr. Invalid
 * input or any compile error prints no YAML at all: a partial render is never mistaken for a
 * whole one.
 */
export async function renderCommand(
  paths: string[],
  options: { env: string },
  io: Io,
): Promise<number> {
  const loaded = await loadForCommand('render', paths, io.err);
  if (!loaded) return ExitCode.Usage;
  if (loaded.problems.length > 0) {
    for (const p of loaded.problems) io.err(formatProblem(p));
    io.err(
      `stagecraft render: ${loaded.problems.length} validation problem(s); nothing rendered\n`,
    );
    return ExitCode.Problems;
  }
  const result = compileEnvironment({
    entities: loaded.documents.map(d => d.value as unknown as Entity),
    environment: options.env,
  });
  for (const d of result.diagnostics) {
    io.err(
      `${d.severity}: ${d.entityRef}${d.path ? ` ${d.path}` : ''}: ${
        d.message
      }\n`,
    );
  }
  if (result.diagnostics.some(d => d.severity === 'error')) {
    io.err(
      `stagecraft render: compile errors for ${options.env}; nothing rendered\n`,
    );
    return ExitCode.Problems;
  }
  io.out(serializeManifests(result.manifests));
  return ExitCode.Ok;
}
