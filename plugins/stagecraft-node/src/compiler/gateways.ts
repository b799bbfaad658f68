import {
  EndpointEntity,
  EnvironmentEntity,
  GatewayPods,
} from '@stagecraft/plugin-stagecraft-common';

/** Protocols the HTTP gateways carry; other endpoints are reached inside the cluster only. */
const HTTP_LIKE = new Set(['http', 'graphql', 'websocket']);

export const isHttpLike = (protocol: string) => HTTP_LIKE.has(protocol);

/** The two gateways of an environment: internal (the organisation) and public (everyone). */
export type GatewayAudience = 'internal' | 'public';

/** One gateway: where its routes attach, and the proxy pods that carry its traffic. */
export interface Gateway {
  audience: GatewayAudience;
  host: string;
  /** Gateway API parent, `namespace/name`. */
  parent: string;
  ingressClass: string;
  /** The proxy pods, as a NetworkPolicy peer selects them: one namespace, pod labels. */
  pods: { namespace: string; labels: Record<string, string> };
}

/**
 * The gateways that route to an endpoint: none for a `project` endpoint or a protocol the
 * HTTP gateways do not carry, the internal one for `organization`, the internal and the
 * public one for `public` (the public one only where the environment has a `publicHost`).
 * Routes and ingress policies both come from this one answer, so a gateway's proxies are
 * admitted to exactly the endpoints it routes to — the public gateway never reaches an
 * `organization` endpoint, whatever the routing says.
 */
export function gatewaysRoutingTo(
  endpoint: EndpointEntity,
  environment: EnvironmentEntity,
): Gateway[] {
  const { visibility, protocol } = endpoint.spec;
  if (visibility === 'project' || !isHttpLike(protocol)) return [];
  const gateway = environment.spec.gateway;
  const pods = (selector: GatewayPods) => ({
    namespace: selector.namespace ?? gateway.namespace,
    labels: { ...selector.labels },
  });
  const gateways: Gateway[] = [
    {
      audience: 'internal',
      host: gateway.internalHost,
      parent: gateway.internalGateway,
      ingressClass: gateway.internalIngressClass,
      pods: pods(gateway.internalPods),
    },
  ];
  if (visibility === 'public' && gateway.publicHost) {
    gateways.push({
      audience: 'public',
      host: gateway.publicHost,
      parent: gateway.publicGateway,
      ingressClass: gateway.publicIngressClass,
      pods: pods(gateway.publicPods),
    });
  }
  return gateways;
}
