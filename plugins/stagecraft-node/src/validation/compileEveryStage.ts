import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogIndex,
  environmentRef,
  hasDeployIntent,
  projectNameOf,
  tryResolveEntityRef,
} from '@stagecraft/plugin-stagecraft-common';
import { compileEnvironment } from '../compiler/compileEnvironment';
import {
  CompileEnvironmentInput,
  CompileResult,
  Diagnostic,
} from '../compiler/types';
import { CompilerExtensions } from '../extensions/CompilerExtensions';
import { componentStages } from './stageMembership';

/** Input of {@link compileEveryStage}. @public */
export interface CompileEveryStageInput {
  /** The catalog: components, their systems, endpoints, pipelines, environments, types, traits. */
  entities: Entity[];
  /**
   * Refs of the components to check; default: every component with deploy intent. The other
   * deployable components of their projects are compiled with them (their objects share the
   * project's namespace, so they can collide), but only problems of the components checked,
   * or that they take part in, are returned.
   */
  components?: string[];
  extensions?: CompilerExtensions;
  /**
   * Compiles one environment of the checked components' projects; default
   * {@link compileSafely}. Every component of a project is compiled with the whole project, so
   * a caller that checks a project's components one by one (the catalog processor) compiles the
   * same input for each of them, and can pass a memo instead.
   */
  compile?: EnvironmentCompiler;
}

/**
 * Whether {@link compileEveryStage} can report a diagnostic: not a pending connection, which
 * is runtime state rather than a problem of the catalog. An {@link EnvironmentCompiler} may
 * leave the others out (a memo keeps less).
 *
 * @public
 */
export function isCompileProblem(d: Diagnostic): boolean {
  return d.severity !== 'pending';
}

/**
 * What {@link compileEveryStage} needs of compiling one environment: the diagnostics that
 * {@link isCompileProblem} accepts (others may be left out).
 *
 * @public
 */
export type EnvironmentCompiler = (
  input: CompileEnvironmentInput,
) => Pick<CompileResult, 'diagnostics'>;

/**
 * Compiles each component for every environment of its pipeline, exactly as `render` and the
 * control plane compile it — together with the components of its project deployed there
 * ({@link componentStages}) — and returns the errors and warnings (pending connections are
 * runtime state, not problems). This is what validation *is*: there is no second rule set, so
 * a guardrail, a template error, a security invariant that holds in only one environment or
 * an object two components of a project both emit is found without naming that environment.
 * A problem found identically in several environments is reported once, with the
 * environments listed.
 *
 * @public
 */
export function compileEveryStage(input: CompileEveryStageInput): Diagnostic[] {
  const index = new CatalogIndex(input.entities);
  const wanted =
    input.components &&
    new Set(
      input.components.map(r => lower(tryResolveEntityRef(r, 'Component'))),
    );
  const isChecked = (ref: string) => !wanted || wanted.has(lower(ref));
  const projectOf = (c: Entity) => lower(projectNameOf(c));
  const projects = new Set(
    index
      .deployableComponents()
      .filter(c => isChecked(stringifyEntityRef(c)))
      .map(projectOf),
  );
  projects.delete('');
  const diagnostics: Diagnostic[] = [];
  const componentsByEnvironment = new Map<string, string[]>();
  const environmentsChecked = new Set<string>();
  /** The checked components, the endpoints they serve and those they depend on. */
  const related = new Set<string>();

  // In catalog order (each ref once), which decides the order environments are listed in.
  const refs = new Set(input.entities.map(e => stringifyEntityRef(e)));
  for (const ref of refs) {
    const component = index.get(ref)!;
    if (!hasDeployIntent(component)) continue;
    const checked = isChecked(ref);
    if (!checked && !projects.has(projectOf(component))) continue;
    const stages = componentStages(component, index);
    if ('diagnostic' in stages) {
      if (checked) diagnostics.push(stages.diagnostic);
      continue;
    }
    if (checked) {
      related.add(lower(ref));
      for (const e of index.endpointsServedBy(ref))
        related.add(lower(stringifyEntityRef(e)));
      for (const { endpointRef } of index.dependenciesOf(component))
        related.add(lower(endpointRef));
    }
    for (const environment of stages.environments) {
      const deployed = componentsByEnvironment.get(environment) ?? [];
      componentsByEnvironment.set(environment, [...deployed, ref]);
      if (checked) environmentsChecked.add(environment);
    }
  }
  // What compiling the other components of the project finds about them alone is theirs; a
  // problem of the environment, or one a checked component is part of, is reported.
  const reported = (d: Diagnostic) =>
    isCompileProblem(d) &&
    (!aboutComponentOrEndpoint(d.entityRef) ||
      related.has(lower(d.entityRef)) ||
      (d.involves ?? []).some(isChecked));
  // Environments in the order pipelines list them, so merged lists read dev, staging, production.
  const compile = input.compile ?? compileSafely;
  for (const environment of environmentsChecked) {
    const result = compile({
      entities: input.entities,
      environment,
      deployed: componentsByEnvironment.get(environment),
      extensions: input.extensions,
    });
    diagnostics.push(...result.diagnostics.filter(reported));
  }
  return mergeAcrossEnvironments(diagnostics);
}

/**
 * {@link compileEnvironment}, with an unexpected exception (a bug, or input nobody foresaw)
 * turned into an error diagnostic: validation reports it like any other problem and `render`
 * prints it instead of a stack trace.
 *
 * @public
 */
export function compileSafely(input: CompileEnvironmentInput) {
  try {
    return compileEnvironment(input);
  } catch (error) {
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: 'compile-failed',
      entityRef: environmentRef(input.environment),
      environment: input.environment,
      message: `the compiler failed: ${(error as Error).message}`,
    };
    return { manifests: [], diagnostics: [diagnostic] };
  }
}

/** One diagnostic per problem, listing every environment it was found in. */
function mergeAcrossEnvironments(diagnostics: Diagnostic[]): Diagnostic[] {
  const merged = new Map<string, Diagnostic>();
  for (const d of diagnostics) {
    const key = JSON.stringify([
      d.severity,
      d.code,
      d.entityRef,
      d.path,
      d.message,
    ]);
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...d });
    else if (d.environment)
      seen.environment = seen.environment
        ? `${seen.environment}, ${d.environment}`
        : d.environment;
  }
  return [...merged.values()];
}

function lower(ref: string | undefined): string {
  return (ref ?? '').toLocaleLowerCase('en-US');
}

function aboutComponentOrEndpoint(ref: string): boolean {
  const kind = lower(ref.slice(0, ref.indexOf(':')));
  return kind === 'component' || kind === 'endpoint';
}
