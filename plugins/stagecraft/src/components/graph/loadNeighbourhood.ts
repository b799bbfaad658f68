import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_HAS_PART,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  endpointDependenciesOf,
  isStagecraftEndpoint,
  providerRefOf,
} from '@stagecraft/plugin-stagecraft-common';

/** Emitted by Stagecraft's catalog processor (catalog-backend-module-stagecraft) on components. */
const RELATION_HAS_ENDPOINT = 'stagecraft-hasEndpoint';

/** The part of the catalog client the loader uses. */
export interface EntityFetcher {
  getEntitiesByRefs(request: {
    entityRefs: string[];
  }): Promise<{ items: Array<Entity | undefined> }>;
}

/**
 * Fetches what the graph of a Component or a System (project) draws: the scope's components,
 * their endpoints and those endpoints' consumers, and the endpoints they depend on with the
 * components serving them. Three rounds of `getEntitiesByRefs`, however large the project.
 */
export async function loadNeighbourhood(
  catalog: EntityFetcher,
  scope: Entity,
): Promise<Entity[]> {
  const loaded = new Map<string, Entity>([[stringifyEntityRef(scope), scope]]);
  const fetchMissing = async (refs: string[]) => {
    const missing = [...new Set(refs)].filter(ref => !loaded.has(ref));
    if (missing.length === 0) return;
    const { items } = await catalog.getEntitiesByRefs({ entityRefs: missing });
    for (const entity of items) {
      if (entity) loaded.set(stringifyEntityRef(entity), entity);
    }
  };

  // 1. The components the graph is about.
  const seedRefs =
    scope.kind === 'System'
      ? relationTargets(scope, RELATION_HAS_PART, 'component')
      : [stringifyEntityRef(scope)];
  await fetchMissing(seedRefs);
  const seeds = seedRefs.flatMap(ref => loaded.get(ref) ?? []);

  // 2. Their endpoints, and the endpoints they depend on.
  await fetchMissing(
    seeds.flatMap(seed => [
      ...relationTargets(seed, RELATION_HAS_ENDPOINT, 'endpoint'),
      ...endpointDependenciesOf(seed).map(d => d.endpointRef),
    ]),
  );

  // 3. Who serves those endpoints, and who depends on the seeds' own.
  const endpoints = [...loaded.values()].filter(isStagecraftEndpoint);
  const seedSet = new Set(seedRefs);
  await fetchMissing(
    endpoints.flatMap(endpoint => {
      const provider = providerRefOf(endpoint);
      if (!provider) return [];
      return seedSet.has(provider)
        ? [
            provider,
            ...relationTargets(endpoint, RELATION_DEPENDENCY_OF, 'component'),
          ]
        : [provider];
    }),
  );
  return [...loaded.values()];
}

function relationTargets(entity: Entity, type: string, kind: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type && parseEntityRef(r.targetRef).kind === kind)
    .map(r => r.targetRef);
}
