import { Entity } from '@backstage/catalog-model';
import {
  CatalogIndex,
  projectRefOf,
  STAGECRAFT_API_VERSION,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * The two catalog reads validation needs; a `CatalogService` with credentials bound, or a
 * `CatalogApi`, fits.
 *
 * @public
 */
export interface ValidationCatalog {
  getEntities(request: {
    filter: Record<string, string>[];
  }): Promise<{ items: Entity[] }>;
  getEntitiesByRefs(request: {
    entityRefs: string[];
  }): Promise<{ items: (Entity | undefined)[] }>;
}

/**
 * Reads what compiling some components involves from the catalog, in two requests: the
 * platform — every Stagecraft Environment, DeploymentPipeline, ComponentType, Trait and
 * Endpoint, kept for `cacheMillis` because every component needs the same ones (unless it
 * holds no environment or pipeline yet: a catalog being ingested) — and the
 * components' own context: their Systems (which may name the pipeline) and the components
 * that serve the endpoints they depend on (their project decides what visibility allows).
 *
 * @public
 */
export class CompileContextReader {
  private platform?: { at: number; entities: Promise<Entity[]> };

  constructor(
    private readonly catalog: ValidationCatalog,
    private readonly options: { cacheMillis?: number; now?: () => number } = {},
  ) {}

  async entitiesFor(components: Entity[]): Promise<Entity[]> {
    const platform = new CatalogIndex(await this.platformEntities());
    const refs = new Set<string>();
    for (const component of components) {
      const system = projectRefOf(component);
      if (system) refs.add(system);
      for (const { providerRef } of platform.dependenciesOf(component))
        if (providerRef) refs.add(providerRef);
    }
    const context =
      refs.size > 0
        ? (await this.catalog.getEntitiesByRefs({ entityRefs: [...refs] }))
            .items
        : [];
    return [...platform.entities, ...context.filter((e): e is Entity => !!e)];
  }

  private platformEntities(): Promise<Entity[]> {
    const now = (this.options.now ?? Date.now)();
    const fresh =
      this.platform && now - this.platform.at < (this.options.cacheMillis ?? 0);
    if (!fresh) {
      const entities = this.catalog
        .getEntities({
          filter: [
            StagecraftKind.Environment,
            StagecraftKind.DeploymentPipeline,
            StagecraftKind.ComponentType,
            StagecraftKind.Trait,
            StagecraftKind.Endpoint,
          ].map(kind => ({ kind })),
        })
        // by apiVersion here, not in the filter: kinds of other plugins may share the names
        .then(r =>
          r.items.filter(e => e.apiVersion === STAGECRAFT_API_VERSION),
        );
      // A failed read is not kept, nor one without any environment or pipeline (a catalog
      // still being ingested): the next component reads again.
      const forget = () => {
        if (this.platform?.entities === entities) this.platform = undefined;
      };
      const isPlatform = (e: Entity) =>
        e.kind === StagecraftKind.Environment ||
        e.kind === StagecraftKind.DeploymentPipeline;
      entities.then(es => {
        if (!es.some(isPlatform)) forget();
      }, forget);
      this.platform = { at: now, entities };
    }
    return this.platform!.entities;
  }
}
