import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  describeProblem,
  EntityProblem,
  hasDeployIntent,
  STAGECRAFT_API_VERSION,
} from '@stagecraft/plugin-stagecraft-common';
import {
  CompileContextReader,
  dependsOnTheMachine,
  documentProblems,
  validateDocuments,
} from '@stagecraft/plugin-stagecraft-node';
import { CompileMemo } from './CompileMemo';
import { EntityHashes } from './EntityHashes';
import { EnvironmentCompileMemo } from './EnvironmentCompileMemo';
import type { IntentChangePublisher } from './IntentChangePublisher';
import { withKubernetesAnnotations } from './kubernetesAnnotations';
import { stagecraftRelations } from './relations';

/**
 * Compile problems about which entities the catalog holds *right now*. While a catalog is
 * being ingested, a component is often processed before its System, pipeline, environments,
 * type or traits, and types and traits registered in code (the `stagecraft.compiler` extension point)
 * are not visible from the catalog at all: reporting these would hold back valid components.
 * `stagecraft validate` and the control plane report them.
 */
const PRESENCE_CODES = new Set([
  'unknown-pipeline',
  'unknown-environment',
  'unknown-component-type',
  'unknown-trait',
  'unknown-endpoint',
  'unknown-system',
]);

/**
 * Claims the kinds under `stagecraft.dev/v1alpha1`, validates them and the deploy intent on
 * Components, and emits their relations in both directions. Every invalid entity gets a
 * processing error naming the field and the reason.
 *
 * With a `compileContext`, a Component with deploy intent is also compiled for every
 * environment of its pipeline against the catalog, with the other deployable components of its
 * project, exactly as `stagecraft validate` does, and each compile error becomes a processing
 * error naming the field and the environment(s) — including an object another component of
 * the project emits too. An identical input reuses the previous result ({@link CompileMemo}),
 * and the components of a project share each compile of its environments
 * ({@link EnvironmentCompileMemo}).
 *
 * @public
 */
export class StagecraftEntitiesProcessor implements CatalogProcessor {
  private readonly hashes = new EntityHashes();
  /** Only the problems are kept: the compiled objects are what validate shows, not this. */
  private readonly compiled = new CompileMemo<EntityProblem[]>({
    hashes: this.hashes,
  });
  /** One compile of a project's environment for all of its components. */
  private readonly environments = new EnvironmentCompileMemo(this.hashes);

  constructor(
    private readonly options: {
      compileContext?: CompileContextReader;
      logger?: LoggerService;
      /** Announces deploy-relevant changes to the control plane as they are processed. */
      intentChanges?: IntentChangePublisher;
    } = {},
  ) {}

  getProcessorName(): string {
    return 'StagecraftEntitiesProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (entity.apiVersion !== STAGECRAFT_API_VERSION) {
      return false;
    }
    const problems = await documentProblems({
      source: 'catalog',
      index: 0,
      value: entity as unknown as Record<string, unknown>,
    });
    if (problems.length > 0) {
      // The catalog shows this message as the entity's processing error.
      throw new TypeError(
        problems.map(p => describe(p, stringifyEntityRef(entity))).join('; '),
      );
    }
    return true;
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    // The stock Kubernetes tab finds the component's pods by these annotations. Checked with
    // them, as the catalog will hold it: the catalog's copy is what the project's other
    // components are compiled with, and equal inputs share a compile.
    const annotated = withKubernetesAnnotations(entity);
    let rejected = false;
    if (hasDeployIntent(entity)) {
      const self = stringifyEntityRef(entity);
      for (const p of await this.problemsOf(annotated, location)) {
        emit(processingResult.inputError(location, describe(p, self)));
        rejected = true;
      }
    }
    const self = getCompoundEntityRef(entity);
    for (const { type, target, reverse } of stagecraftRelations(entity)) {
      emit(processingResult.relation({ source: self, type, target }));
      emit(
        processingResult.relation({
          source: target,
          type: reverse,
          target: self,
        }),
      );
    }
    // An entity with processing errors is not stored: the catalog keeps serving the previous
    // version, so there is no change to announce.
    if (!rejected) await this.options.intentChanges?.processed(entity);
    return annotated;
  }

  /** What `stagecraft validate` reports for the component, minus warnings and presence problems. */
  private async problemsOf(
    entity: Entity,
    location: LocationSpec,
  ): Promise<EntityProblem[]> {
    const document = {
      source: location.target,
      index: 0,
      value: entity as unknown as Record<string, unknown>,
    };
    // The entity's own problems need no catalog and are all `validate` reports for an invalid
    // entity; checked first, an entity nested too deep to fingerprint never reaches the memo.
    const own = await documentProblems(document);
    if (own.length > 0) return errorsOnly(own);
    let catalog: Entity[] = [];
    if (this.options.compileContext) {
      try {
        catalog = await this.options.compileContext.entitiesFor([entity]);
      } catch (error) {
        // Unreadable catalog (e.g. during startup): check the entity alone; the control plane
        // compiles it again before deploying anything.
        this.options.logger?.warn(
          `Stagecraft: cannot read the catalog to compile ${stringifyEntityRef(
            entity,
          )}, checked its own fields only: ${(error as Error).message}`,
        );
      }
    }
    const problems = await this.compiled.get(
      document,
      catalog,
      () =>
        validateDocuments({
          documents: [document],
          catalog,
          compile: this.environments.compile,
        }).then(r => r.problems),
      found => !dependsOnTheMachine(found),
    );
    return errorsOnly(problems);
  }
}

/** The errors among `problems`, without presence problems (see {@link PRESENCE_CODES}). */
function errorsOnly(problems: EntityProblem[]): EntityProblem[] {
  return problems.filter(
    p =>
      (p.severity ?? 'error') === 'error' && !PRESENCE_CODES.has(p.code ?? ''),
  );
}

/** The problem as `validate` words it, without the entity when it is the one processed. */
function describe(p: EntityProblem, self: string): string {
  const isSelf = p.entityRef?.toLocaleLowerCase('en-US') === self;
  return describeProblem(isSelf ? { ...p, entityRef: undefined } : p);
}
