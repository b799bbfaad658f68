import { Entity } from '@backstage/catalog-model';
import { ComponentTypeSpec } from '@stagecraft/plugin-stagecraft-common';
import { CatalogIndex } from './CatalogIndex';

/**
 * The built-in component types. A `ComponentType` entity of the same name in the catalog
 * takes precedence, so platforms can redefine them.
 */
export const BUILT_IN_COMPONENT_TYPES: Record<string, ComponentTypeSpec> = {
  service: {
    description: 'A long-running API service',
    workload: 'deployment',
    servesEndpoints: true,
  },
  'web-app': {
    description: 'A web front end',
    workload: 'deployment',
    servesEndpoints: true,
  },
  worker: {
    description: 'A background worker without endpoints',
    workload: 'deployment',
    servesEndpoints: false,
  },
  'scheduled-job': {
    description: 'A job run on a cron schedule',
    workload: 'cronjob',
    servesEndpoints: false,
  },
};

/** The type a component compiles with, or undefined when none is known by that name. */
export function resolveComponentType(
  index: CatalogIndex,
  component: Entity,
): ComponentTypeSpec | undefined {
  const type = (component.spec as { type: string }).type;
  const entity = index.get(
    CatalogIndex.ref(type, 'ComponentType', component.metadata.namespace),
  );
  return (
    (entity?.spec as ComponentTypeSpec | undefined) ??
    BUILT_IN_COMPONENT_TYPES[type]
  );
}
