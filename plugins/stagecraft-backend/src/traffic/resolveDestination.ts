import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  EndpointEntity,
  providerRefOf,
  withSpecDefaults,
} from '@stagecraft/plugin-stagecraft-common';
import type { TrafficProtocol } from '@stagecraft/plugin-stagecraft-node';
import type { CatalogSnapshot } from '../catalog/CatalogSnapshot';

/** Where a traffic question goes: a component, the endpoint at the port, and the port. */
export interface Destination {
  componentRef: string;
  endpoint?: EndpointEntity;
  endpoints: EndpointEntity[];
  port: number;
  protocol: TrafficProtocol;
}

const asEndpoint = (e: Entity) => withSpecDefaults(e) as EndpointEntity;

/** The L4 protocol an endpoint's policies open: UDP for `udp`, TCP for everything else. */
export const l4ProtocolOf = (endpoint: EndpointEntity): TrafficProtocol =>
  endpoint.spec.protocol === 'udp' ? 'UDP' : 'TCP';

/** The provider of an endpoint named by ref; NotFoundError naming it when there is none. */
export function endpointAndProvider(
  catalog: CatalogSnapshot,
  endpointRef: string,
): { endpoint: EndpointEntity; providerRef: string } {
  const found = catalog.endpoint(endpointRef);
  if (!found) throw new NotFoundError(`${endpointRef} is not in the catalog`);
  const providerRef = providerRefOf(found);
  if (!providerRef)
    throw new NotFoundError(
      `${endpointRef} names no component of its catalog namespace in spec.component, so nothing serves it`,
    );
  return { endpoint: asEndpoint(found), providerRef };
}

/** A port as the API takes it: an integer 1–65535. */
export function checkPort(port: number | undefined): void {
  if (port === undefined) return;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new InputError(`port ${port} is not a port: give 1–65535`);
}

/**
 * The destination of a traffic question: for an endpoint, that endpoint and (by default) its
 * port; for a component, its endpoint at the port — or, without a port, its only endpoint. A
 * port that no endpoint serves is still a question (the answer explains it is never opened).
 */
export function resolveDestination(o: {
  catalog: CatalogSnapshot;
  componentRef: string;
  endpoint?: EndpointEntity;
  port?: number;
}): Destination {
  const endpoints = o.catalog.endpointsServedBy(o.componentRef).map(asEndpoint);
  let endpoint = o.endpoint;
  if (!endpoint && o.port !== undefined)
    endpoint = endpoints.find(e => e.spec.port === o.port);
  if (!endpoint && o.port === undefined) {
    if (endpoints.length !== 1)
      throw new InputError(
        endpoints.length === 0
          ? `${o.componentRef} serves no endpoint, so nothing can reach it; give a port to ask anyway`
          : `${o.componentRef} serves ${endpoints.length} endpoints (${endpoints
              .map(e => `${stringifyEntityRef(e)} on ${e.spec.port}`)
              .join(', ')}); name one as \`to\` or give its port`,
      );
    endpoint = endpoints[0];
  }
  return {
    componentRef: o.componentRef,
    endpoint,
    endpoints,
    port: o.port ?? endpoint!.spec.port,
    protocol: endpoint ? l4ProtocolOf(endpoint) : 'TCP',
  };
}
