import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityProblem,
  parseEntityDocuments,
} from '@stagecraft/plugin-stagecraft-common';
import {
  CompileContextReader,
  CompilerExtensions,
  validateDocuments,
} from '@stagecraft/plugin-stagecraft-node';
import type { ActionContext } from '../actions/types';

/** The most YAML one validation reads: a catalog-info file, not a whole catalog. */
export const MAX_VALIDATION_BYTES = 256 * 1024;

/** What validating entity documents found. */
export interface EntityValidation {
  /** No problem but warnings. */
  valid: boolean;
  /** False when the catalog holds no Environment or pipeline: nothing was compiled. */
  compiled: boolean;
  problems: EntityProblem[];
}

/** Validation of entity documents as a service function. */
export interface EntityValidationActions {
  validateEntities(
    o: { yaml: string },
    ctx: ActionContext,
  ): Promise<EntityValidation>;
}

/**
 * Validates catalog-info documents before they are committed, with exactly the checks of
 * `stagecraft validate` (`validateDocuments`: each document's own problems, then every
 * deployable component compiled for every environment of its pipeline) against the running
 * catalog instead of local files: its environments, pipelines, types, traits and the
 * components of the same projects (`CompileContextReader`), read with the caller's
 * credentials, and the component types and traits backend modules register. Writes nothing.
 */
export class EntityValidationService implements EntityValidationActions {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      extensions?: CompilerExtensions;
    },
  ) {}

  async validateEntities(
    o: { yaml: string },
    ctx: ActionContext,
  ): Promise<EntityValidation> {
    const bytes = Buffer.byteLength(o.yaml, 'utf8');
    if (bytes > MAX_VALIDATION_BYTES)
      throw new InputError(
        `the YAML is ${bytes} bytes; validate at most ${MAX_VALIDATION_BYTES} bytes (256 KiB) at a time, e.g. one catalog-info file`,
      );
    const parsed = parseEntityDocuments(o.yaml, 'input');
    const { credentials } = ctx;
    const reader = new CompileContextReader({
      getEntities: request =>
        this.deps.catalog.getEntities(request, { credentials }),
      getEntitiesByRefs: request =>
        this.deps.catalog.getEntitiesByRefs(request, { credentials }),
    });
    const entities = parsed.documents.map(d => d.value as unknown as Entity);
    const result = await validateDocuments({
      documents: parsed.documents,
      catalog: await reader.entitiesFor(entities),
      extensions: this.deps.extensions,
    });
    const problems = [...parsed.problems, ...result.problems];
    return {
      valid: problems.every(p => p.severity === 'warning'),
      compiled: result.compiled,
      problems,
    };
  }
}
