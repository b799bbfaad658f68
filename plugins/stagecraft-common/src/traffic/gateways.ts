import type {
  EndpointProtocol,
  EndpointSpec,
  EnvironmentEntity,
  GatewayPods,
} from '../kinds';

/** Protocols the HTTP gateways carry; other endpoints are reached inside the cluster only. */
const HTTP_LIKE: ReadonlySet<string> = new Set<EndpointProtocol>([
  'http',
  'graphql',
  'websocket',
]);

/**
 * Whether the HTTP gateways carry a protocol (and an endpoint's `basePath` means anything).
 *
 * @public
 */
export const isHttpLike = (protocol: string): boolean =>
  HTTP_LIKE.has(protocol);

/**
 * The two gateways of an environment: internal (the organisation) and public (everyone).
 *
 * @public
 */
export type GatewayAudience = 'internal' | 'public';

/**
 * One gateway: where its routes attach, and the proxy pods that carry its traffic.
 *
 * @public
 */
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
 * Which gateways route to an endpoint: none for a `project` endpoint or a protocol the HTTP
 * gateways do not carry, the internal one for `organization`, the internal and the public one
 * for `public` — the public one only where the environment has one (a `publicHost`). The
 * portal, which draws an endpoint apart from any environment, asks with `publicGateway: true`.
 *
 * @public
 */
export function gatewayAudiences(
  endpoint: Pick<EndpointSpec, 'visibility' | 'protocol'>,
  environment: { publicGateway: boolean },
): GatewayAudience[] {
  const { visibility, protocol } = endpoint;
  if (visibility === 'project' || !isHttpLike(protocol)) return [];
  return visibility === 'public' && environment.publicGateway
    ? ['internal', 'public']
    : ['internal'];
}

/**
 * The gateways of an environment that route to an endpoint ({@link gatewayAudiences}), with
 * their hosts, parents and proxy pods. Routes and ingress policies both come from this one
 * answer, so a gateway's proxies are admitted to exactly the endpoints it routes to — the
 * public gateway never reaches an `organization` endpoint, whatever the routing says.
 *
 * @public
 */
export function gatewaysRoutingTo(
  endpoint: { spec: Pick<EndpointSpec, 'visibility' | 'protocol'> },
  environment: EnvironmentEntity,
): Gateway[] {
  const gateway = environment.spec.gateway;
  const pods = (selector: GatewayPods) => ({
    namespace: selector.namespace ?? gateway.namespace,
    labels: { ...selector.labels },
  });
  const audiences = gatewayAudiences(endpoint.spec, {
    publicGateway: Boolean(gateway.publicHost),
  });
  return audiences.map(audience =>
    audience === 'internal'
      ? {
          audience,
          host: gateway.internalHost,
          parent: gateway.internalGateway,
          ingressClass: gateway.internalIngressClass,
          pods: pods(gateway.internalPods),
        }
      : {
          audience,
          host: gateway.publicHost!,
          parent: gateway.publicGateway,
          ingressClass: gateway.publicIngressClass,
          pods: pods(gateway.publicPods),
        },
  );
}
