import {
  EndpointEntity,
  EnvironmentEntity,
  Gateway,
  GatewayAudience,
  gatewaysRoutingTo,
} from '@stagecraft/plugin-stagecraft-common';
import { apiGroupOf } from '../../managedKinds';
import { portName } from '../naming';
import { ServicePort, servicePortOf } from '../workloadManifests';
import { isJsonMap, JsonMap, mapField } from './podSpecs';
import type { Finding, ObjectRule } from './rules';
import { isSet, shown } from './securityContextChecks';

/**
 * Where a component's routes may attach and what each gateway may reach: the compiler's own
 * routing (exposure.ts), from the Environment's gateways and the visibility of its endpoints.
 */
export interface ComponentRouting {
  /** The Environment's gateways: the internal one, and the public one where it has a publicHost. */
  gateways: Gateway[];
  /** The component's Service ports (number and name) each gateway routes to. */
  ports: Record<GatewayAudience, (string | number)[]>;
  /**
   * The ports of the compiler's Service, one per endpoint: the only ports any Service of the
   * component may carry, each to its endpoint's own container port (serviceRules.ts). The
   * ports above assume so.
   */
  servicePorts: ServicePort[];
}

export function componentRouting(
  environment: EnvironmentEntity,
  endpoints: Pick<EndpointEntity, 'spec'>[],
): ComponentRouting {
  const ports: ComponentRouting['ports'] = { internal: [], public: [] };
  for (const { spec } of endpoints)
    for (const gateway of gatewaysRoutingTo({ spec }, environment))
      ports[gateway.audience].push(
        spec.port,
        portName(spec.protocol, spec.port),
      );
  // A public http endpoint is carried by every gateway the Environment has.
  const everyGateway = {
    spec: { visibility: 'public', protocol: 'http' },
  } as const;
  return {
    gateways: gatewaysRoutingTo(everyGateway, environment),
    ports,
    servicePorts: endpoints.map(servicePortOf),
  };
}

/** One backend of a route: what it names, where, and on which Service port. */
interface Backend {
  path: string;
  group: unknown;
  kind: unknown;
  name: unknown;
  namespace?: unknown;
  port?: unknown;
  /** An Ingress `backend.resource`: any object, served by the controller. */
  resource?: unknown;
}

const at = (list: unknown, path: string): { path: string; item: JsonMap }[] =>
  (Array.isArray(list) ? list : []).flatMap((item, i) =>
    isJsonMap(item) ? [{ path: `${path}[${i}]`, item }] : [],
  );

const serviceRef = (path: string, ref: JsonMap): Backend => ({
  path,
  group: ref.group ?? '',
  kind: ref.kind ?? 'Service',
  name: ref.name,
  namespace: ref.namespace,
  port: ref.port,
});

/** The request mirrors among a route rule's or backendRef's filters: backends too. */
const mirrors = (filters: unknown, path: string): Backend[] =>
  at(filters, `${path}.filters`)
    .filter(f => isJsonMap(f.item.requestMirror))
    .map(f =>
      serviceRef(
        `${f.path}.requestMirror.backendRef`,
        mapField(mapField(f.item, 'requestMirror'), 'backendRef'),
      ),
    );

function ingressBackend(path: string, backend: JsonMap): Backend {
  const service = mapField(backend, 'service');
  const port = mapField(service, 'port');
  return {
    path,
    group: '',
    kind: 'Service',
    name: service.name,
    port: port.number ?? port.name,
    resource: backend.resource,
  };
}

/** Every backend an HTTPRoute or Ingress sends requests to; none for other kinds. */
function backendsOf(object: JsonMap): Backend[] {
  const spec = mapField(object, 'spec');
  if (object.kind === 'HTTPRoute')
    return at(spec.rules, 'spec.rules').flatMap(rule => [
      ...mirrors(rule.item.filters, rule.path),
      ...at(rule.item.backendRefs, `${rule.path}.backendRefs`).flatMap(ref => [
        serviceRef(ref.path, ref.item),
        ...mirrors(ref.item.filters, ref.path),
      ]),
    ]);
  if (object.kind !== 'Ingress') return [];
  return [
    ...(isSet(spec.defaultBackend)
      ? [
          ingressBackend(
            'spec.defaultBackend',
            mapField(spec, 'defaultBackend'),
          ),
        ]
      : []),
    ...at(spec.rules, 'spec.rules').flatMap(rule =>
      at(mapField(rule.item, 'http').paths, `${rule.path}.http.paths`).map(p =>
        ingressBackend(`${p.path}.backend`, mapField(p.item, 'backend')),
      ),
    ),
  ];
}

const GATEWAY_API = 'gateway.networking.k8s.io';

/**
 * The Environment's gateways a route attaches to, and where it names something else. Two
 * gateways may share one Gateway (or ingress class), told apart by host: the route's hosts
 * then pick among them, and a route for any host counts as on both.
 */
function attachment(
  object: JsonMap,
  gateways: Gateway[],
): { on: Gateway[]; findings: Finding[] } {
  const spec = mapField(object, 'spec');
  const pick = (matching: Gateway[], hosts: unknown[]) => {
    const picked = matching.filter(g => hosts.includes(g.host));
    return hosts.length > 0 && picked.length === hosts.length
      ? picked
      : matching;
  };
  if (object.kind === 'HTTPRoute') {
    const hosts = Array.isArray(spec.hostnames) ? spec.hostnames : [];
    const namespace = mapField(object, 'metadata').namespace;
    const parents = at(spec.parentRefs, 'spec.parentRefs').map(p => ({
      ...p,
      matching: gateways.filter(
        g =>
          (p.item.group ?? GATEWAY_API) === GATEWAY_API &&
          (p.item.kind ?? 'Gateway') === 'Gateway' &&
          g.parent === `${p.item.namespace ?? namespace}/${p.item.name}`,
      ),
    }));
    return {
      on: parents.flatMap(p => pick(p.matching, hosts)),
      findings: parents
        .filter(p => p.matching.length === 0)
        .map(p => ({
          path: p.path,
          problem: `is ${shown(
            p.item,
          )}, not one of the Environment's Gateways (${
            gateways.map(g => g.parent).join(', ') || 'none'
          })`,
        })),
    };
  }
  if (object.kind !== 'Ingress') return { on: [], findings: [] };
  const className = spec.ingressClassName;
  const matching = gateways.filter(g => g.ingressClass === className);
  const rules = at(spec.rules, 'spec.rules').map(r => r.item.host);
  const hosts =
    isSet(spec.defaultBackend) || rules.some(h => !isSet(h)) ? [] : rules;
  const annotation = mapField(mapField(object, 'metadata'), 'annotations')[
    'kubernetes.io/ingress.class'
  ];
  const findings: Finding[] = [];
  if (matching.length === 0)
    findings.push({
      path: 'spec.ingressClassName',
      problem: `is ${shown(
        className,
      )}, not one of the Environment's ingress classes (${gateways
        .map(g => g.ingressClass)
        .join(', ')})`,
    });
  if (isSet(annotation))
    findings.push({
      path: 'metadata.annotations["kubernetes.io/ingress.class"]',
      problem: `is ${shown(annotation)}; the class is spec.ingressClassName`,
    });
  return { on: pick(matching, [...new Set(hosts)]), findings };
}

const isService = (b: Backend) => b.group === '' && b.kind === 'Service';

/**
 * A component's routes send requests only to its own Services, through the Environment's
 * gateways, and a gateway only to the endpoints it routes to (an `organization` endpoint is
 * never on the public gateway, a `project` one on none): a template may add routes, filters,
 * timeouts, but not reach a sibling or widen an endpoint's visibility. Nothing waives these.
 */
export const ROUTE_BACKEND_RULE: ObjectRule = {
  risk: "a route sends the gateway's requests to the Services it names, so one naming another component's Service (a sibling shares the namespace) or another namespace's exposes it past its Endpoint visibility",
  findings: (object, _pods, _identity, own) =>
    backendsOf(object).flatMap((b): Finding[] => {
      if (isSet(b.resource))
        return [
          {
            path: `${b.path}.resource`,
            problem: `is ${shown(b.resource)}; a backend is a Service`,
          },
        ];
      if (!isService(b))
        return [
          {
            path: b.path,
            problem: `is a ${shown(b.kind)} of group ${shown(
              b.group,
            )}; a backend is one of the component's own Services`,
          },
        ];
      if (isSet(b.namespace))
        return [
          {
            path: `${b.path}.namespace`,
            problem: `is ${shown(
              b.namespace,
            )}; a backend is in the route's own namespace`,
          },
        ];
      return own.find('', 'Service', b.name)
        ? []
        : [
            {
              path: b.path,
              problem: `names ${shown(
                b.name,
              )}, not one of the component's own Services (${own.listed(
                m => m.kind === 'Service' && !apiGroupOf(m.apiVersion),
              )})`,
            },
          ];
    }),
};

export const ROUTE_GATEWAY_RULE: ObjectRule = {
  risk: "a gateway answers everyone it serves, so a route on a Gateway or ingress class the Environment does not route through, or an organization or project endpoint's port on the public gateway, exposes the endpoint beyond its visibility",
  findings: (object, _pods, _identity, _own, routing) => {
    const { on, findings } = attachment(object, routing.gateways);
    const unroutable = backendsOf(object)
      .filter(b => isService(b) && !isSet(b.resource))
      .flatMap(b =>
        on
          .filter(g => !routing.ports[g.audience].includes(b.port as never))
          .map(g => ({
            path: `${b.path}.port`,
            problem: `is ${shown(b.port)} on the ${g.audience} gateway (${
              object.kind === 'Ingress' ? g.ingressClass : g.parent
            }), which routes only to the ports of the component's endpoints it carries (${
              routing.ports[g.audience].join(', ') || 'none'
            })`,
          })),
      );
    return [...findings, ...unroutable];
  },
};
