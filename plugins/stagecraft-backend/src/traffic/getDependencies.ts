import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  EndpointEntity,
  projectRefOf,
  withSpecDefaults,
} from '@stagecraft/plugin-stagecraft-common';
import { readableRefs } from '../actions/authorization';
import type { ActionContext } from '../actions/types';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { EnvironmentPlan, planEnvironment } from '../plan/planEnvironment';
import { readableCatalogComponent } from './readableCatalogComponent';
import { declarationOf, visibilityVerdict } from './dependencyRule';
import { explainPath } from './explainTraffic';
import { l4ProtocolOf } from './resolveDestination';
import type { TrafficDeps } from './TrafficDeps';
import type { DependencyEdge, DependencyNeighbourhood } from './types';

const lower = (ref: string | undefined) => ref?.toLocaleLowerCase('en-US');

interface EdgeInput {
  consumer: Entity;
  endpointRef: string;
  declaredAt: string;
  endpoint?: EndpointEntity;
  provider?: Entity;
}

/**
 * A component's dependency neighbourhood from the catalog index (`dependenciesOf`,
 * `endpointsServedBy`, `consumersOf`): the endpoints it depends on and who serves them, and the
 * components that depend on its endpoints — each edge with the endpoint's visibility, whether
 * it crosses projects and whether the visibility rule admits it, and, in an environment, what
 * explain-traffic answers for it. Needs read permission on the component; consumers the
 * caller may not read are counted, not named, and an edge whose other end the caller may not
 * read gets no policy verdict; an edge to a provider the caller may not read names neither the
 * provider nor whether it crosses projects.
 */
export async function getDependencies(
  deps: TrafficDeps,
  o: { componentRef: string; environment?: string },
  ctx: ActionContext,
): Promise<DependencyNeighbourhood> {
  const catalog = await deps.catalog();
  const component = await readableCatalogComponent(
    deps,
    catalog,
    o.componentRef,
    ctx,
  );
  const componentRef = stringifyEntityRef(component);
  if (o.environment !== undefined && !catalog.environment(o.environment))
    throw new NotFoundError(
      `environment "${o.environment}" is not in the catalog`,
    );
  const outgoing: EdgeInput[] = catalog.dependenciesOf(component).map(d => ({
    consumer: component,
    endpointRef: d.endpointRef,
    declaredAt: `spec.dependsOn[${d.index}]`,
    endpoint: d.endpoint && (withSpecDefaults(d.endpoint) as EndpointEntity),
    provider: d.provider,
  }));
  const incoming: EdgeInput[] = catalog
    .endpointsServedBy(componentRef)
    .flatMap(served => {
      const endpoint = withSpecDefaults(served) as EndpointEntity;
      const endpointRef = stringifyEntityRef(endpoint);
      return catalog.consumersOf(endpointRef).map(consumer => ({
        consumer,
        endpointRef,
        declaredAt:
          declarationOf(catalog, consumer, endpointRef)?.path ??
          'spec.dependsOn',
        endpoint,
        provider: component,
      }));
    });
  const readable = await readableRefs(
    deps,
    [
      ...outgoing.flatMap(e =>
        e.provider ? [stringifyEntityRef(e.provider)] : [],
      ),
      ...incoming.map(e => stringifyEntityRef(e.consumer)),
    ],
    ctx,
  );
  const visibleIncoming = incoming.filter(e =>
    readable.has(stringifyEntityRef(e.consumer)),
  );
  const plan =
    o.environment === undefined
      ? undefined
      : await planEnvironment({
          store: deps.store,
          catalog,
          environment: o.environment,
          extensions: deps.extensions,
        });
  const edge = (e: EdgeInput, otherEnd: string | undefined) =>
    edgeOf(deps, {
      catalog,
      edge: e,
      plan,
      environment: o.environment,
      mayExplain: otherEnd !== undefined && readable.has(otherEnd),
      // The component asked about was authorized above; other providers were asked in the batch.
      providerReadable:
        !e.provider ||
        e.provider === component ||
        readable.has(stringifyEntityRef(e.provider)),
    });
  return {
    componentRef,
    ...(o.environment !== undefined ? { environment: o.environment } : {}),
    dependsOn: await Promise.all(
      outgoing.map(e => edge(e, e.provider && stringifyEntityRef(e.provider))),
    ),
    dependedOnBy: await Promise.all(
      visibleIncoming.map(e => edge(e, stringifyEntityRef(e.consumer))),
    ),
    unreadableConsumers: incoming.length - visibleIncoming.length,
  };
}

async function edgeOf(
  deps: TrafficDeps,
  o: {
    catalog: CatalogSnapshot;
    edge: EdgeInput;
    plan?: EnvironmentPlan;
    environment?: string;
    mayExplain: boolean;
    /** False for a provider the caller may not read: nothing about it is told. */
    providerReadable: boolean;
  },
): Promise<DependencyEdge> {
  const { consumer, endpoint, provider } = o.edge;
  const base: DependencyEdge = {
    consumerRef: stringifyEntityRef(consumer),
    endpointRef: o.edge.endpointRef,
    declaredAt: o.edge.declaredAt,
  };
  if (!endpoint) return base;
  if (!o.providerReadable)
    // The endpoint is the consumer's own declaration; who serves it, its project and what
    // the visibility rule says of the pair are the provider's, so they are left out.
    return {
      ...base,
      visibility: endpoint.spec.visibility,
      protocol: endpoint.spec.protocol,
      port: endpoint.spec.port,
    };
  const visibility = visibilityVerdict({ endpoint, consumer, provider });
  const edge: DependencyEdge = {
    ...base,
    ...(provider ? { providerRef: stringifyEntityRef(provider) } : {}),
    visibility: endpoint.spec.visibility,
    protocol: endpoint.spec.protocol,
    port: endpoint.spec.port,
    crossProject:
      lower(projectRefOf(consumer)) !==
      lower(provider && projectRefOf(provider)),
    permittedByVisibility: visibility.permits,
  };
  if (!o.plan || !o.environment || !provider || !o.mayExplain) return edge;
  const explained = await explainPath(deps, {
    catalog: o.catalog,
    plan: o.plan,
    from: consumer,
    to: provider,
    destination: {
      componentRef: stringifyEntityRef(provider),
      endpoint,
      endpoints: [endpoint],
      port: endpoint.spec.port,
      protocol: l4ProtocolOf(endpoint),
    },
    environment: o.environment,
  });
  return {
    ...edge,
    policy: { allowed: explained.allowed, reason: explained.reason },
  };
}
