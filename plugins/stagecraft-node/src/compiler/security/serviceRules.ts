import { JsonMap, mapField } from './podSpecs';
import type { Finding, ObjectRule } from './rules';
import { isFinding, isOn, isSet, shown } from './securityContextChecks';

/** The Service of a rendered object, or nothing when it is another kind. */
const serviceSpec = (object: JsonMap): JsonMap | undefined =>
  object.kind === 'Service' ? mapField(object, 'spec') : undefined;

/**
 * A component's Services stay inside the cluster and point at its own pods: traffic from
 * outside comes only through the Environment's gateway, which enforces Endpoint visibility.
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
];
