import type { ServicePort } from '../workloadManifests';
import { isJsonMap, JsonMap, mapField } from './podSpecs';
import type { Finding, ObjectRule } from './rules';
import { isFinding, isOn, isSet, shown } from './securityContextChecks';

/** The Service of a rendered object, or nothing when it is another kind. */
const serviceSpec = (object: JsonMap): JsonMap | undefined =>
  object.kind === 'Service' ? mapField(object, 'spec') : undefined;

const listedPorts = (ports: ServicePort[]) =>
  ports.map(p => `${p.port} ${p.name}`).join(', ') || 'none';

const portsOf = (value: JsonMap, path: string) =>
  (Array.isArray(value.ports) ? value.ports : []).flatMap((port, i) =>
    isJsonMap(port) ? [{ port, path: `${path}.ports[${i}]` }] : [],
  );

/** Why a Service port that is not one of the compiler's own is refused. */
function servicePortFindings(
  port: JsonMap,
  path: string,
  own: ServicePort[],
): Finding[] {
  const protocol = port.protocol ?? 'TCP';
  // Two endpoints may share a number (DNS on TCP and UDP 53): the one of this protocol.
  const endpoint =
    own.find(p => p.port === port.port && p.protocol === protocol) ??
    own.find(p => p.port === port.port);
  if (!endpoint)
    return [
      {
        path: `${path}.port`,
        problem: `is ${shown(
          port.port,
        )}, not one of the component's endpoint ports (${listedPorts(own)})`,
      },
    ];
  const target = port.targetPort;
  const findings: (Finding | false)[] = [
    isSet(port.name) &&
      port.name !== endpoint.name && {
        path: `${path}.name`,
        problem: `is ${shown(port.name)}, but port ${endpoint.port} is ${
          endpoint.name
        }`,
      },
    protocol !== endpoint.protocol && {
      path: `${path}.protocol`,
      problem: `is ${shown(protocol)}, but endpoint port ${endpoint.port} is ${
        endpoint.protocol
      }`,
    },
    isSet(target) &&
      target !== endpoint.port &&
      target !== endpoint.name && {
        path: `${path}.targetPort`,
        problem: `is ${shown(target)}, not port ${
          endpoint.port
        }'s own container port (${endpoint.port} or ${endpoint.name})`,
      },
  ];
  return findings.filter(isFinding);
}

/**
 * Routes and gateways pick a Service port by number or name, assuming it carries the endpoint
 * of that port (routeRules.ts): the compiler's Service maps each endpoint's port to the same
 * container port. A Service port that maps a public endpoint's port to an organization
 * endpoint's container port would expose it through the public routes with no route changed,
 * so every Service port is one of the compiler's: an endpoint's port, under its name and
 * protocol, to that same container port (by number, or by the name the compiler gives it).
 */
const SERVICE_PORT_RULE: ObjectRule = {
  risk: "routes and gateways reach an endpoint through the Service port of its number or name, so a Service port that is not an endpoint's, or leads to another container port, exposes that port past its Endpoint visibility",
  findings: (object, _pods, _identity, _own, routing) => {
    const spec = serviceSpec(object);
    return spec
      ? portsOf(spec, 'spec').flatMap(p =>
          servicePortFindings(p.port, p.path, routing.servicePorts),
        )
      : [];
  },
};

/**
 * A Service port may name its container port (`http-8443`): the name must then lead to the
 * same port number in every pod of the component, or a patch renaming the container ports
 * would send port 8443's traffic to 8080 through an unchanged Service.
 */
const CONTAINER_PORT_NAME_RULE: ObjectRule = {
  risk: "a Service port names its endpoint's container port, so a container port of that name with another number sends the endpoint's traffic to a port of other visibility",
  findings: (_object, pods, _identity, _own, routing) =>
    pods.flatMap(pod =>
      pod.containers.flatMap(c =>
        portsOf(c.container, c.path).flatMap(({ port, path }) => {
          const endpoint = routing.servicePorts.find(p => p.name === port.name);
          return endpoint && port.containerPort !== endpoint.port
            ? [
                {
                  path: `${path}.containerPort`,
                  problem: `is ${shown(port.containerPort)}, but ${
                    endpoint.name
                  } is port ${endpoint.port}`,
                },
              ]
            : [];
        }),
      ),
    ),
};

/**
 * A component's Services stay inside the cluster and point at its own pods, each port at its
 * endpoint's own container port: traffic from outside comes only through the Environment's
 * gateway, which enforces Endpoint visibility.
 * No Environment exception opens these (a platform that needs a cloud load balancer puts it
 * in front of the gateway).
 */
export const SERVICE_RULES: ObjectRule[] = [
  {
    risk: "a NodePort or LoadBalancer Service opens the component on every node's or a cloud load balancer's address, past the gateway that enforces Endpoint visibility",
    findings: object => {
      const spec = serviceSpec(object);
      if (!spec) return [];
      const type = spec.type;
      return isSet(type) && type !== 'ClusterIP' && type !== 'ExternalName'
        ? [{ path: 'spec.type', problem: `is ${shown(type)}, not ClusterIP` }]
        : [];
    },
  },
  {
    risk: 'externalIPs let a Service capture traffic the cluster sends to any address (CVE-2020-8554), and an ExternalName Service makes a name in the namespace an alias for any host',
    findings: object => {
      const spec = serviceSpec(object);
      if (!spec) return [];
      const ips = spec.externalIPs;
      const findings: (Finding | false)[] = [
        (Array.isArray(ips) ? ips.length > 0 : isOn(ips)) && {
          path: 'spec.externalIPs',
          problem: `is ${shown(ips)}`,
        },
        spec.type === 'ExternalName' && {
          path: 'spec.type',
          problem: 'is ExternalName',
        },
        isOn(spec.externalName) && {
          path: 'spec.externalName',
          problem: `is ${shown(spec.externalName)}`,
        },
      ];
      return findings.filter(isFinding);
    },
  },
  SERVICE_PORT_RULE,
  CONTAINER_PORT_NAME_RULE,
];
