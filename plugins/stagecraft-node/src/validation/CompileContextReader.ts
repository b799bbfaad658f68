import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  STAGECRAFT_API_VERSION,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';

const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

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
    const platform = await this.platformEntities();
    const endpoints = new Map(
      platform
        .filter(e => e.kind === StagecraftKind.Endpoint)
        .map(e => [refOf(e), e]),
    );
    const refs = new Set<string>();
    for (const component of components) {
      const namespace = component.metadata.namespace ?? 'default';
      const spec = (component.spec ?? {}) as {
        system?: unknown;
        dependsOn?: unknown;
      };
      const system = normalise(spec.system, 'System', namespace);
      if (system) refs.add(system);
      for (const written of Array.isArray(spec.dependsOn)
        ? spec.dependsOn
        : []) {
        const endpoint = endpoints.get(
          normalise(written, 'Component', namespace) ?? '',
        );
        const provider = normalise(
          (endpoint?.spec as { component?: unknown } | undefined)?.component,
          'Component',
          endpoint?.metadata.namespace ?? 'default',
        );
        if (provider) refs.add(provider);
      }
    }
    const context =
      refs.size > 0
        ? (await this.catalog.getEntitiesByRefs({ entityRefs: [...refs] }))
            .items
        : [];
    return [...platform, ...context.filter((e): e is Entity => !!e)];
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

function normalise(
  written: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof written !== 'string' || !written) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(written, { defaultKind, defaultNamespace }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}
