import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  STAGECRAFT_API_VERSION,
  type EndpointEntity,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * Resolves a ref as written in catalog files (`endpoint:orders-http`, `payments`) against the
 * kind and namespace it is written relative to, into a full lower-case-kind ref.
 */
export function resolveRef(
  written: string,
  defaultKind: string,
  defaultNamespace: string | undefined,
): string {
  return stringifyEntityRef(
    parseEntityRef(written, {
      defaultKind,
      defaultNamespace: defaultNamespace ?? 'default',
    }),
  );
}

/** The endpoint refs a component declares in `spec.dependsOn`; dependencies on anything else carry no traffic. */
export function endpointDependencies(component: Entity): string[] {
  const written = (component.spec?.dependsOn ?? []) as string[];
  return written
    .map(ref => resolveRef(ref, 'Component', component.metadata.namespace))
    .filter(ref => ref.startsWith('endpoint:'));
}

/** The component serving an endpoint (`spec.component`). */
export function providerOf(endpoint: EndpointEntity): string {
  return resolveRef(
    endpoint.spec.component,
    'Component',
    endpoint.metadata.namespace,
  );
}

/** The project (System) a component belongs to (`spec.system`), if any. */
export function projectOf(component: Entity): string | undefined {
  const system = component.spec?.system as string | undefined;
  return system
    ? resolveRef(system, 'System', component.metadata.namespace)
    : undefined;
}

/** Whether the entity is one of Stagecraft's Endpoints (another plugin may own a kind of that name); the catalog processor has validated its spec. */
export function isEndpoint(entity: Entity): entity is EndpointEntity {
  return (
    entity.kind === 'Endpoint' && entity.apiVersion === STAGECRAFT_API_VERSION
  );
}

/**
 * Catalog entities by ref, with the lookups the graph needs. Relations are derived from specs,
 * so the graph does not depend on the catalog having processed them yet.
 */
export class CatalogIndex {
  private readonly byRef = new Map<string, Entity>();

  constructor(entities: Entity[]) {
    for (const entity of entities) {
      this.byRef.set(stringifyEntityRef(entity), entity);
    }
  }

  get(ref: string): Entity | undefined {
    return this.byRef.get(ref);
  }

  endpoint(ref: string): EndpointEntity | undefined {
    const entity = this.byRef.get(ref);
    return entity && isEndpoint(entity) ? entity : undefined;
  }

  components(): Entity[] {
    return [...this.byRef.values()].filter(e => e.kind === 'Component');
  }

  /** The endpoints a component serves, sorted by ref for a stable drawing. */
  endpointsServedBy(componentRef: string): EndpointEntity[] {
    return [...this.byRef.values()]
      .filter(isEndpoint)
      .filter(endpoint => providerOf(endpoint) === componentRef)
      .sort(byRef);
  }

  /** The components that declare a dependency on an endpoint, sorted by ref. */
  consumersOf(endpointRef: string): Entity[] {
    return this.components()
      .filter(component =>
        endpointDependencies(component).includes(endpointRef),
      )
      .sort(byRef);
  }

  /** The components of a project, sorted by ref. */
  componentsOf(projectRef: string): Entity[] {
    return this.components()
      .filter(component => projectOf(component) === projectRef)
      .sort(byRef);
  }
}

function byRef(a: Entity, b: Entity): number {
  return stringifyEntityRef(a).localeCompare(stringifyEntityRef(b));
}
