import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogIndex,
  environmentRef,
  hasDeployIntent,
  PIPELINE_ANNOTATION,
  tryResolveEntityRef,
} from '@stagecraft/plugin-stagecraft-common';
import { compileEnvironment } from '../compiler/compileEnvironment';
import { CompileEnvironmentInput, Diagnostic } from '../compiler/types';
import { CompilerExtensions } from '../extensions/CompilerExtensions';

/** Input of {@link compileEveryStage}. @public */
export interface CompileEveryStageInput {
  /** The catalog: components, their systems, endpoints, pipelines, environments, types, traits. */
  entities: Entity[];
  /** Refs of the components to check; default: every component with deploy intent. */
  components?: string[];
  extensions?: CompilerExtensions;
}

/**
 * Compiles each component for every environment of its pipeline, exactly as `render` and the
 * control plane compile it, and returns the errors and warnings (pending connections are
 * runtime state, not problems). This is what validation *is*: there is no second rule set, so
 * a guardrail, a template error or a security invariant that holds in only one environment
 * is found without naming that environment. A problem found identically in several
 * environments is reported once, with the environments listed.
 *
 * @public
 */
export function compileEveryStage(input: CompileEveryStageInput): Diagnostic[] {
  const index = new CatalogIndex(input.entities);
  const wanted =
    input.components &&
    new Set(input.components.map(r => tryResolveEntityRef(r, 'Component')));
  const diagnostics: Diagnostic[] = [];
  const componentsByEnvironment = new Map<string, string[]>();

  // In catalog order (each ref once), which decides the order environments are listed in.
  const refs = new Set(input.entities.map(e => stringifyEntityRef(e)));
  for (const ref of refs) {
    const component = index.get(ref)!;
    if (!hasDeployIntent(component)) continue;
    if (wanted && !wanted.has(ref)) continue;
    const stages = stagesOf(component, index);
    if ('diagnostic' in stages) {
      diagnostics.push(stages.diagnostic);
      continue;
    }
    for (const environment of stages.environments) {
      const deployed = componentsByEnvironment.get(environment) ?? [];
      componentsByEnvironment.set(environment, [...deployed, ref]);
    }
  }
  // Environments in the order pipelines list them, so merged lists read dev, staging, production.
  for (const environment of componentsByEnvironment.keys()) {
    const result = compileSafely({
      entities: input.entities,
      environment,
      deployed: componentsByEnvironment.get(environment),
      extensions: input.extensions,
    });
    diagnostics.push(
      ...result.diagnostics.filter(d => d.severity !== 'pending'),
    );
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

/** The environments of a component's pipeline, resolved as the control plane resolves them. */
function stagesOf(
  component: Entity,
  index: CatalogIndex,
): { environments: string[] } | { diagnostic: Diagnostic } {
  const pipeline = index.pipelineFor(component);
  if (pipeline)
    return { environments: pipeline.stages.map(s => s.environment) };
  const entityRef = stringifyEntityRef(component);
  const annotated = component.metadata.annotations?.[PIPELINE_ANNOTATION];
  return {
    diagnostic: {
      severity: 'error',
      code: 'unknown-pipeline',
      entityRef,
      path: annotated
        ? `metadata.annotations.${PIPELINE_ANNOTATION}`
        : undefined,
      message: `${entityRef}: its pipeline ${index.pipelineRefOf(
        component,
      )} is not in the catalog (or is invalid), so it can be deployed nowhere`,
    },
  };
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
