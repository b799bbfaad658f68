import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  componentTypeSpecSchema,
  EntityDocument,
  EntityProblem,
  STAGECRAFT_API_VERSION,
  StagecraftKind,
  TemplateSpec,
  traitSpecSchema,
  validateEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { Diagnostic } from '../compiler/types';
import { CompilerExtensions } from '../extensions/CompilerExtensions';
import { staticTemplateProblems } from '../templates/staticTemplateProblems';
import { compileEveryStage, EnvironmentCompiler } from './compileEveryStage';
import { unusableValue } from './valueLimits';
import { platformKindProblem } from './platformKinds';

/**
 * Every problem of one entity document on its own: the catalog's envelope and kind schemas,
 * Stagecraft's kinds and deploy intent, names that cannot name Kubernetes objects, and what is
 * wrong with a ComponentType's or Trait's template whatever component uses it.
 *
 * @public
 */
export async function documentProblems(
  document: EntityDocument,
): Promise<EntityProblem[]> {
  // First, before anything that recurses into the document.
  const unusable = unusableValue(document.value);
  if (unusable)
    return [
      {
        source: document.source,
        path: unusable.path,
        message: unusable.reason,
      },
    ];
  const problems = await validateEntity(document);
  if (problems.length > 0) return problems;
  const entity = document.value as unknown as Entity;
  if (entity.apiVersion !== STAGECRAFT_API_VERSION) return [];
  let spec: TemplateSpec;
  if (entity.kind === StagecraftKind.ComponentType)
    spec = componentTypeSpecSchema.parse(entity.spec ?? {});
  else if (entity.kind === StagecraftKind.Trait)
    spec = traitSpecSchema.parse(entity.spec ?? {});
  else return [];
  const entityRef = stringifyEntityRef(entity);
  return staticTemplateProblems(spec).map(p => ({
    source: document.source,
    entityRef,
    ...p,
  }));
}

/** Input of {@link validateDocuments}. @public */
export interface ValidateDocumentsInput {
  documents: EntityDocument[];
  /**
   * The rest of the catalog the documents are compiled with (environments, pipelines, types,
   * traits, endpoints, other components). A document replaces the catalog entity of its ref.
   */
  catalog?: Entity[];
  extensions?: CompilerExtensions;
  /**
   * Who wrote the documents. `platform` (the default, `stagecraft validate`): any kind, as the
   * platform team checks its own files. `developer` (the scaffolder): documents of a platform
   * kind (`PLATFORM_KINDS`) are refused and not used, so compilation uses the catalog's — a
   * developer's file cannot bring its own Environment, pipeline, type or trait.
   */
  author?: 'platform' | 'developer';
  /**
   * Compiles one environment; default `compileSafely`. The catalog processor passes a memo:
   * see `compileEveryStage`'s `compile`.
   */
  compile?: EnvironmentCompiler;
}

/**
 * What `stagecraft validate` and the scaffolder's validation report: every
 * {@link documentProblems | problem of each document}, then every problem of compiling each
 * valid deployable component for every environment of its pipeline
 * ({@link compileEveryStage}) — what `render` would report for any of those environments.
 * `compiled` is false when the input holds no Environment and no DeploymentPipeline at all, so
 * there was nothing to compile against.
 *
 * @public
 */
export async function validateDocuments(
  input: ValidateDocumentsInput,
): Promise<{ problems: EntityProblem[]; compiled: boolean }> {
  const problems: EntityProblem[] = [];
  const accepted = input.documents.filter(document => {
    const refused =
      input.author === 'developer' ? platformKindProblem(document) : undefined;
    if (refused) problems.push(refused);
    return !refused;
  });
  const sources = sourcesOf(accepted);
  const documents = new Map<string, Entity>();
  const valid: string[] = [];
  for (const document of accepted) {
    const own = await documentProblems(document);
    problems.push(...own);
    const entity = document.value as unknown as Entity;
    const ref = refOf(entity);
    if (!ref) continue;
    documents.set(ref, entity);
    if (own.length === 0 && entity.kind === 'Component') valid.push(ref);
  }
  const entities = withDocuments(input.catalog ?? [], documents);
  const compiled = entities.some(
    e => e.kind === 'Environment' || e.kind === 'DeploymentPipeline',
  );
  if (compiled && valid.length > 0) {
    const diagnostics = compileEveryStage({
      entities,
      components: valid,
      extensions: input.extensions,
      compile: input.compile,
    });
    problems.push(...diagnostics.map(d => diagnosticProblem(d, sources)));
  }
  return { problems, compiled };
}

/**
 * The catalog with each document in the place of every entity of its ref, then the documents
 * the catalog does not hold. In place, not appended: checking the components of a project one
 * by one then compiles the same entities in the same order for each of them, one input a memo
 * can answer (`compile`). Every place, as the catalog's list may name an entity twice (the
 * processor's context names a provider of the project again): otherwise each component's list
 * would lack a different copy.
 */
function withDocuments(
  catalog: Entity[],
  documents: Map<string, Entity>,
): Entity[] {
  const placed = new Set<string>();
  const entities = catalog.map(entity => {
    const ref = refOf(entity) ?? '';
    const document = documents.get(ref);
    if (!document) return entity;
    placed.add(ref);
    return document;
  });
  for (const [ref, document] of documents)
    if (!placed.has(ref)) entities.push(document);
  return entities;
}

/**
 * A compiler diagnostic as a validation problem: the file of the entity at fault (`catalog`
 * when it came from the catalog rather than the files checked), its field, environment and
 * severity. The message loses its leading entity ref, which the problem carries anyway.
 *
 * @public
 */
export function diagnosticProblem(
  d: Diagnostic,
  sources: Map<string, string>,
): EntityProblem {
  const prefix = `${d.entityRef}: `;
  return {
    source: sources.get(d.entityRef.toLocaleLowerCase('en-US')) ?? 'catalog',
    entityRef: d.entityRef,
    path: d.path ?? '',
    message: d.message.startsWith(prefix)
      ? d.message.slice(prefix.length)
      : d.message,
    ...(d.environment ? { environment: d.environment } : {}),
    ...(d.severity !== 'error' ? { severity: d.severity } : {}),
    code: d.code,
  };
}

/**
 * Which file each entity came from, by lower-case ref (the form diagnostics use), for
 * {@link diagnosticProblem}.
 *
 * @public
 */
export function sourcesOf(documents: EntityDocument[]): Map<string, string> {
  const sources = new Map<string, string>();
  for (const document of documents) {
    const ref = refOf(document.value as unknown as Entity);
    if (ref) sources.set(ref, document.source);
  }
  return sources;
}

/**
 * The document's ref, or undefined when it has no usable kind or name (the document's own
 * problems say why) — including a ref that does not parse back, such as that of an empty name
 * (`component:default/`): it would crash the compile the document is context for.
 */
function refOf(entity: Entity): string | undefined {
  try {
    const ref = stringifyEntityRef(entity);
    parseEntityRef(ref);
    return ref.toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}
