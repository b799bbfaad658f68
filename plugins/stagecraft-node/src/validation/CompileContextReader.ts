import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogIndex,
  hasDeployIntent,
  isStagecraftEndpoint,
  projectRefOf,
  providerRefOf,
  STAGECRAFT_API_VERSION,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';
import { COMPILE_FIELDS, compileView } from './compileView';
import { ExpiringCache } from './ExpiringCache';

/**
 * The two catalog reads validation needs; a `CatalogService` with credentials bound, or a
 * `CatalogApi`, fits.
 *
 * @public
 */
export interface ValidationCatalog {
  getEntities(request: {
    filter: Record<string, string | string[]>[];
    limit?: number;
    fields?: string[];
  }): Promise<{ items: Entity[] }>;
  getEntitiesByRefs(request: {
    entityRefs: string[];
    fields?: string[];
  }): Promise<{ items: (Entity | undefined)[] }>;
}

/**
 * The entities in the order of their refs: the order of a catalog's answer is not part of its
 * API (another catalog version, or a test's, may answer otherwise), and the same entities in
 * another order would be another input to the processor's memo.
 */
function sortedByRef(entities: Entity[]): Entity[] {
  return entities
    .map(entity => ({ entity, ref: stringifyEntityRef(entity) }))
    .sort((a, b) => a.ref.localeCompare(b.ref, 'en-US'))
    .map(({ entity }) => entity);
}

/**
 * The most components of one project read to compile a component with (see
 * {@link CompileContextReader}); a larger project is checked against this many, and `render`,
 * `stagecraft validate` and the control plane check it whole.
 */
export const MAX_PROJECT_COMPONENTS = 200;

/** The most projects whose components are kept between reads. */
const MAX_CACHED_PROJECTS = 500;

/** The most Systems and providers of other projects kept between reads. */
const MAX_CACHED_CONTEXT = 2_000;

interface Cached {
  at: number;
  entities: Promise<Entity[]>;
}

/**
 * Reads what compiling some components involves from the catalog: the platform — every
 * Stagecraft Environment, DeploymentPipeline, ComponentType and Trait, and the Endpoints the
 * components (and their neighbours) serve or depend on; all of them read and indexed once for
 * `cacheMillis` because every component needs the same ones (unless it holds no environment
 * or pipeline yet: a catalog being ingested); the other deployable components of their
 * projects — the objects of one project share its namespace, so two of its components can
 * emit the same object (kept for `cacheMillis` per project, at most
 * {@link MAX_PROJECT_COMPONENTS} a project); and the components' and those neighbours' own
 * context: their Systems (which may name the pipeline) and the components that serve the
 * endpoints they depend on (their project decides what visibility allows) — those of the same
 * project taken from the project's read, the others read by ref and kept for `cacheMillis`.
 *
 * @public
 */
export class CompileContextReader {
  private platform?: Cached;
  private readonly projects: ExpiringCache<Promise<Entity[]>>;
  private readonly context: ExpiringCache<Promise<Entity | undefined>>;

  constructor(
    private readonly catalog: ValidationCatalog,
    private readonly options: { cacheMillis?: number; now?: () => number } = {},
  ) {
    const kept = { ttlMs: options.cacheMillis ?? 0, now: () => this.now() };
    this.projects = new ExpiringCache({
      ...kept,
      capacity: MAX_CACHED_PROJECTS,
    });
    this.context = new ExpiringCache({ ...kept, capacity: MAX_CACHED_CONTEXT });
  }

  async entitiesFor(components: Entity[]): Promise<Entity[]> {
    const [platformEntities, ...projects] = await Promise.all([
      this.platformEntities(),
      ...[...projectRefsOf(components)].map(p => this.componentsOfProject(p)),
    ]);
    const neighbours = projects.flat();
    const platform = indexOf(platformEntities);
    const refs = new Set<string>();
    // Of the Endpoints, only those the components serve or depend on, as the control plane
    // compiles a deployment (CatalogSnapshot.involvedEntities): at 5,000 components every
    // processed entity was compiled with, and fingerprinted over, all 5,000 Endpoints.
    const endpoints = new Map<string, Entity>();
    const keep = (e: Entity) => endpoints.set(stringifyEntityRef(e), e);
    for (const input of components) {
      const provider = isStagecraftEndpoint(input) && providerRefOf(input);
      if (provider) platform.endpointsServedBy(provider).forEach(keep);
    }
    for (const component of [...components, ...neighbours]) {
      const system = projectRefOf(component);
      if (system) refs.add(system);
      platform.endpointsServedBy(stringifyEntityRef(component)).forEach(keep);
      for (const { providerRef, endpoint } of platform.dependenciesOf(
        component,
      )) {
        if (providerRef) refs.add(providerRef);
        if (endpoint) keep(endpoint);
      }
    }
    const context = await this.contextEntities(refs, neighbours);
    return [
      ...platform.entities.filter(e => e.kind !== StagecraftKind.Endpoint),
      // By ref, not in the order the components named them: the first is the component being
      // processed, so each component of a project would bring its own order, another input
      // to the processor's memo of the project's compile.
      ...sortedByRef([...endpoints.values()]),
      ...neighbours,
      ...sortedByRef(context),
    ];
  }

  /**
   * The entities of `refs` (Systems, providers): a provider of the same project from the
   * project's read, the rest from the catalog by ref, kept for the cache period like the
   * platform. Read for every component, they were one catalog request per processed entity:
   * ~1,000 requests in the 30 s of a processing pass at 1,000 components, the burst that took
   * the idle backend's memory past 400 MiB (docs/benchmarks.md § memory).
   */
  private async contextEntities(
    refs: Set<string>,
    neighbours: Entity[],
  ): Promise<Entity[]> {
    const known = new Map(neighbours.map(e => [lowerRef(e), e]));
    const wanted: Promise<Entity | undefined>[] = [];
    const missing: string[] = [];
    for (const ref of refs) {
      const key = ref.toLocaleLowerCase('en-US');
      const entity = known.get(key);
      const cached = entity ? undefined : this.context.get(key);
      if (entity) wanted.push(Promise.resolve(entity));
      else if (cached) wanted.push(cached);
      else missing.push(ref);
    }
    if (missing.length > 0) {
      const read = this.catalog
        .getEntitiesByRefs({ entityRefs: missing, fields: COMPILE_FIELDS })
        .then(
          ({ items }) =>
            new Map(
              items
                .filter((e): e is Entity => !!e)
                .map(compileView)
                .map(e => [lowerRef(e), e] as const),
            ),
        );
      for (const ref of missing) {
        const key = ref.toLocaleLowerCase('en-US');
        const entity = read.then(found => found.get(key));
        // Kept while the read is under way, so the components processed meanwhile share it;
        // a ref the catalog does not hold (yet) is not kept: it may arrive any moment.
        this.context.set(key, entity);
        const forget = () => this.context.forget(key, entity);
        entity.then(e => e ?? forget(), forget);
        wanted.push(entity);
      }
    }
    const found = await Promise.all(wanted);
    return sortedByRef(found.filter((e): e is Entity => !!e));
  }

  private platformEntities(): Promise<Entity[]> {
    const fresh = this.fresh(this.platform);
    if (fresh) return fresh;
    const entities = this.catalog
      .getEntities({
        filter: [
          StagecraftKind.Environment,
          StagecraftKind.DeploymentPipeline,
          StagecraftKind.ComponentType,
          StagecraftKind.Trait,
          StagecraftKind.Endpoint,
        ].map(kind => ({ kind })),
        fields: COMPILE_FIELDS,
      })
      // by apiVersion here, not in the filter: kinds of other plugins may share the names
      .then(r =>
        r.items
          .filter(e => e.apiVersion === STAGECRAFT_API_VERSION)
          .map(compileView),
      )
      .then(sortedByRef);
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
    this.platform = { at: this.now(), entities };
    return entities;
  }

  /** The deployable components whose `spec.system` names `projectRef`, in any of its forms. */
  private componentsOfProject(projectRef: string): Promise<Entity[]> {
    const cached = this.projects.get(projectRef);
    if (cached) return cached;
    const { namespace, name } = parseEntityRef(projectRef);
    const entities = this.catalog
      .getEntities({
        filter: [
          {
            kind: 'Component',
            'spec.system': [
              name,
              `${namespace}/${name}`,
              `system:${name}`,
              `system:${namespace}/${name}`,
            ],
          },
        ],
        limit: MAX_PROJECT_COMPONENTS,
        fields: COMPILE_FIELDS,
      })
      .then(r =>
        r.items
          .filter(
            e => hasDeployIntent(e) && sameRef(projectRefOf(e), projectRef),
          )
          .map(compileView),
      )
      .then(sortedByRef);
    // A failed read is not kept, nor one of at most one component: a project being ingested
    // (its components arrive one by one) or of one component, cheap to read again.
    const forget = () => this.projects.forget(projectRef, entities);
    entities.then(es => {
      if (es.length <= 1) forget();
    }, forget);
    this.projects.set(projectRef, entities);
    return entities;
  }

  private fresh(cached: Cached | undefined): Promise<Entity[]> | undefined {
    return cached && this.now() - cached.at < (this.options.cacheMillis ?? 0)
      ? cached.entities
      : undefined;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** One index per platform read, shared by every component compiled until the next read. */
const platformIndexes = new WeakMap<Entity[], CatalogIndex>();
function indexOf(platform: Entity[]): CatalogIndex {
  let index = platformIndexes.get(platform);
  if (!index) {
    index = new CatalogIndex(platform);
    platformIndexes.set(platform, index);
  }
  return index;
}

function projectRefsOf(components: Entity[]): Set<string> {
  const refs = new Set<string>();
  for (const component of components) {
    const ref = hasDeployIntent(component) && projectRefOf(component);
    if (ref) refs.add(ref.toLocaleLowerCase('en-US'));
  }
  return refs;
}

function lowerRef(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

function sameRef(a: string | undefined, b: string): boolean {
  return a?.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}
