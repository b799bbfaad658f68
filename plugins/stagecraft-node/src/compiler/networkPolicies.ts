import {
  EndpointEntity,
  EnvironmentEntity,
} from '@stagecraft/plugin-stagecraft-common';
import { componentSelector, labelsFor } from './labels';
import { workloadName } from './naming';
import { Connection } from './resolveConnections';
import { Manifest } from './types';

const l4 = (endpoint: EndpointEntity) => ({
  protocol: endpoint.spec.protocol === 'udp' ? 'UDP' : 'TCP',
  port: endpoint.spec.port,
});

const peer = (namespace: string, component: string) => ({
  namespaceSelector: {
    matchLabels: { 'kubernetes.io/metadata.name': namespace },
  },
  podSelector: { matchLabels: componentSelector(component) },
});

/**
 * Ingress to one endpoint: only from the components that declared a dependency on it, only on
 * its port, plus the gateways' namespace for `organization` and `public` endpoints. With no
 * permitted peer the policy has no rule at all — an empty `from` would admit everyone.
 */
export function endpointIngressPolicy(o: {
  endpoint: EndpointEntity;
  project: string;
  component: string;
  namespace: string;
  environment: EnvironmentEntity;
  consumers: Connection[];
}): Manifest {
  const from = o.consumers
    .map(c => peer(c.consumerNamespace, c.consumer.metadata.name))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (o.endpoint.spec.visibility !== 'project') {
    from.push({
      namespaceSelector: {
        matchLabels: {
          'kubernetes.io/metadata.name': o.environment.spec.gateway.namespace,
        },
      },
    } as ReturnType<typeof peer>);
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: workloadName(`ingress-${o.endpoint.metadata.name}`),
      namespace: o.namespace,
      labels: labelsFor({
        project: o.project,
        environment: o.environment.metadata.name,
        component: o.component,
        endpoint: o.endpoint.metadata.name,
      }),
    },
    spec: {
      podSelector: { matchLabels: componentSelector(o.component) },
      policyTypes: ['Ingress'],
      ingress: from.length > 0 ? [{ from, ports: [l4(o.endpoint)] }] : [],
    },
  };
}

/** Egress from one component: only to its declared dependencies, only on their ports. */
export function componentEgressPolicy(o: {
  project: string;
  component: string;
  namespace: string;
  environment: string;
  connections: Connection[];
}): Manifest | undefined {
  if (o.connections.length === 0) return undefined;
  const egress = [...o.connections]
    .sort((a, b) => a.endpointRef.localeCompare(b.endpointRef))
    .map(c => ({
      to: [peer(c.providerNamespace, c.provider!.metadata.name)],
      ports: [l4(c.endpoint)],
    }));
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name: workloadName(`egress-${o.component}`),
      namespace: o.namespace,
      labels: labelsFor({
        project: o.project,
        environment: o.environment,
        component: o.component,
      }),
    },
    spec: {
      podSelector: { matchLabels: componentSelector(o.component) },
      policyTypes: ['Egress'],
      egress,
    },
  };
}
