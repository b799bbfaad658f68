import type { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  componentTypeSpecSchema,
  isStagecraftEntity,
  StagecraftKind,
} from '@stagecraft/plugin-stagecraft-common';

/** A component type as the picker offers it. */
export interface ComponentTypeChoice {
  name: string;
  description?: string;
  servesEndpoints: boolean;
  /** The JSON Schema of its parameters; undefined for a built-in type the catalog lacks. */
  parameters?: Record<string, unknown>;
}

export interface ComponentTypeFilter {
  /** Names to offer, in this order; every type of the catalog when left out. */
  types?: string[];
  /** Only types that may (true) or may not (false) serve endpoints. */
  servesEndpoints?: boolean;
}

/**
 * The `ComponentType`s of the catalog (the default namespace, as the compiler reads them) that
 * `filter` admits. A name the filter asks for that the catalog does not define is a built-in
 * type of the control plane: it is offered without a parameters form (its defaults apply).
 */
export async function loadComponentTypes(
  catalogApi: CatalogApi,
  filter: ComponentTypeFilter,
): Promise<ComponentTypeChoice[]> {
  const { items } = await catalogApi.getEntities({
    filter: { kind: StagecraftKind.ComponentType },
  });
  const defined = new Map<string, ComponentTypeChoice>();
  for (const entity of items) {
    if (!isStagecraftEntity(entity, StagecraftKind.ComponentType)) continue;
    if ((entity.metadata.namespace ?? 'default') !== 'default') continue;
    const spec = componentTypeSpecSchema.safeParse(entity.spec);
    if (!spec.success) continue; // the catalog processor reports it; nothing compiles with it
    defined.set(entity.metadata.name, {
      name: entity.metadata.name,
      description: spec.data.description ?? entity.metadata.description,
      servesEndpoints: spec.data.servesEndpoints,
      parameters: spec.data.parameters,
    });
  }
  const names =
    filter.types ?? [...defined.keys()].sort((a, b) => a.localeCompare(b));
  return names
    .map(
      name =>
        defined.get(name) ?? {
          name,
          description: 'Built-in type',
          servesEndpoints: filter.servesEndpoints ?? true,
        },
    )
    .filter(
      choice =>
        filter.servesEndpoints === undefined ||
        choice.servesEndpoints === filter.servesEndpoints,
    );
}
