import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CostFilter } from '@stagecraft/plugin-stagecraft-common';

/** What the Cost card prices on an entity's page, and how it names it. */
export interface CostScope {
  filter: CostFilter;
  /** "checkout-api", "the storefront project", "production". */
  label: string;
  kind: 'component' | 'project' | 'environment';
}

/** Component → that component; System → its project; Environment → that environment. */
export function costScopeOf(entity: Entity): CostScope {
  const name = entity.metadata.title ?? entity.metadata.name;
  switch (entity.kind.toLocaleLowerCase('en-US')) {
    case 'system':
      return {
        filter: { project: stringifyEntityRef(entity) },
        label: `the ${name} project`,
        kind: 'project',
      };
    case 'environment':
      return {
        filter: { environment: entity.metadata.name },
        label: entity.metadata.name,
        kind: 'environment',
      };
    default:
      return {
        filter: { component: stringifyEntityRef(entity) },
        label: name,
        kind: 'component',
      };
  }
}
