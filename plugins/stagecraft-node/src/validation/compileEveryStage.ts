import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  PIPELINE_ANNOTATION,
  pipelineRefFor,
  pipelineStages,
} from '@stagecraft/plugin-stagecraft-common';
import { compileEnvironment } from '../compiler/compileEnvironment';
import { CompileEnvironmentInput, Diagnostic } from '../compiler/types';
import { CompilerExtensions } from '../extensions/CompilerExtensions';

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
const refOf = (entity: Entity) => lower(stringifyEntityRef(entity));

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
  const byRef = new Map(input.entities.map(e => [refOf(e), e]));
  const wanted =
    input.components &&
    new Set(input.components.map(r => safeRef(r, 'Component', 'default')));
  const diagnostics: Diagnostic[] = [];
  const componentsByEnvironment = new Map<string, string[]>();

  for (const [ref, component] of byRef) {
    if (component.kind !== 'Component') continue;
    if ((component.spec as { deploy?: unknown })?.deploy === undefined)
      continue;
    if (wanted && !wanted.has(ref)) continue;
    const stages = stagesOf(component, byRef);
    if ('diagnostic' in stages) {
      diagnostics.push(stages.diagnostic);
      continue;
    }
    for (const environment of stages.environments) {
      const refs = componentsByEnvironment.get(environment) ?? [];
      componentsByEnvironment.set(environment, [...refs, ref]);
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
      entityRef: `environment:default/${input.environment}`,
      environment: input.environment,
      message: `the compiler failed: ${(error as Error).message}`,
    };
    return { manifests: [], diagnostics: [diagnostic] };
  }
}

/** The environments of a component's pipeline, resolved as the control plane resolves them. */
function stagesOf(
  component: Entity,
  byRef: Map<string, Entity>,
): { environments: string[] } | { diagnostic: Diagnostic } {
  const namespace = component.metadata.namespace ?? 'default';
  const system = (component.spec as { system?: unknown }).system;
  const systemEntity =
    typeof system === 'string'
      ? byRef.get(safeRef(system, 'System', namespace))
      : undefined;
  const pipelineRef = stringifyEntityRef(
    pipelineRefFor(component, systemEntity),
  );
  const pipeline = byRef.get(pipelineRef);
  const stages = pipeline && pipelineStages(pipeline);
  if (stages) return { environments: stages.map(s => s.environment) };
  const entityRef = refOf(component);
  const annotated = component.metadata.annotations?.[PIPELINE_ANNOTATION];
  return {
    diagnostic: {
      severity: 'error',
      code: 'unknown-pipeline',
      entityRef,
      path: annotated
        ? `metadata.annotations.${PIPELINE_ANNOTATION}`
        : undefined,
      message: `${entityRef}: its pipeline ${pipelineRef} is not in the catalog (or is invalid), so it can be deployed nowhere`,
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

function safeRef(written: string, kind: string, namespace: string): string {
  try {
    return lower(
      stringifyEntityRef(
        parseEntityRef(written, {
          defaultKind: kind,
          defaultNamespace: namespace,
        }),
      ),
    );
  } catch {
    return '';
  }
}
