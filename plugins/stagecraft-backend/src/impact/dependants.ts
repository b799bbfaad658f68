import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EndpointEntity,
  EndpointVisibility,
  projectRefOf,
  withSpecDefaults,
} from '@stagecraft/plugin-stagecraft-common';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { visibilityVerdict } from '../traffic/dependencyRule';
import type { Narrowing } from './types';

const lower = (ref: string | undefined) => ref?.toLocaleLowerCase('en-US');
export const asEndpoint = (e: Entity) => withSpecDefaults(e) as EndpointEntity;

/** A dependant before the caller's read permission and the deployments are looked at. */
export interface FoundDependant {
  componentRef: string;
  depth: number;
  via: string;
  crossProject: boolean;
}

/**
 * Who depends on the endpoints, and on those dependants' endpoints in turn, breadth first from
 * the catalog's declarations (`consumersOf`): each component once, at its shortest depth.
 * `crossProject` compares its project with the subject's.
 */
export function findDependants(o: {
  catalog: CatalogSnapshot;
  subject: Entity;
  endpoints: EndpointEntity[];
}): FoundDependant[] {
  const subjectRef = stringifyEntityRef(o.subject);
  const subjectProject = lower(projectRefOf(o.subject));
  const seen = new Set([lower(subjectRef)]);
  const found: FoundDependant[] = [];
  let frontier = o.endpoints.map(e => ({ endpoint: e, depth: 1 }));
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { endpoint, depth } of frontier) {
      const via = stringifyEntityRef(endpoint);
      for (const consumer of o.catalog.consumersOf(via)) {
        const componentRef = stringifyEntityRef(consumer);
        if (seen.has(lower(componentRef))) continue;
        seen.add(lower(componentRef));
        found.push({
          componentRef,
          depth,
          via,
          crossProject: lower(projectRefOf(consumer)) !== subjectProject,
        });
        for (const served of o.catalog.endpointsServedBy(componentRef))
          next.push({ endpoint: served, depth: depth + 1 });
      }
    }
    frontier = next;
  }
  return found;
}

const NARROWER: Record<EndpointVisibility, EndpointVisibility[]> = {
  public: ['organization', 'project'],
  organization: ['project'],
  project: [],
};

/**
 * For each narrower visibility of each endpoint, the declared consumers the model's rule
 * (`isDependencyPermitted`, via `visibilityVerdict`) admits today and would refuse then: the
 * compiler would drop their paths, and refuse to compile them.
 */
export function narrowings(o: {
  catalog: CatalogSnapshot;
  provider: Entity;
  endpoints: EndpointEntity[];
  isReadable: (ref: string) => boolean;
}): Narrowing[] {
  return o.endpoints.flatMap(endpoint => {
    const endpointRef = stringifyEntityRef(endpoint);
    const consumers = o.catalog.consumersOf(endpointRef);
    const from = endpoint.spec.visibility;
    return (NARROWER[from] ?? []).map(to => {
      const narrowed = {
        ...endpoint,
        spec: { ...endpoint.spec, visibility: to },
      } as EndpointEntity;
      const refusedConsumers = consumers
        .filter(
          consumer =>
            visibilityVerdict({ endpoint, consumer, provider: o.provider })
              .permits &&
            !visibilityVerdict({
              endpoint: narrowed,
              consumer,
              provider: o.provider,
            }).permits,
        )
        .map(c => stringifyEntityRef(c))
        .filter(o.isReadable);
      return { endpointRef, from, to, refusedConsumers };
    });
  });
}
