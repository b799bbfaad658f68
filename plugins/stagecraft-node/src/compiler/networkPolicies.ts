import {
  EndpointEntity,
  EnvironmentEntity,
  gatewaysRoutingTo,
} from '@stagecraft/plugin-stagecraft-common';
import { componentSelector, labelsFor } from './labels';
import { workloadName } from './naming';
import { Connection } from './resolveConnections';
import { Manifest } from './types';

const l4 = (endpoint: EndpointEntity) => ({
  protocol: endpoint.spec.protocol === 'udp' ? 'UDP' : 'TCP',
  port: endpoint.spec.port,
});

/**
 * One NetworkPolicy peer: pods with these labels in that namespace. Both selectors sit in
 * the same peer, so Kubernetes ANDs them; as two peers they would admit either.
 */
const peer = (namespace: string, podLabels: Record<string, string>) => ({
  namespaceSelector: {
    matchLabels: { 'kubernetes.io/metadata.name': namespace },
  },
  podSelector: { matchLabels: podLabels },
});

const componentPeer = (namespace: string, component: string) =>
  peer(namespace, componentSelector(component));

/**
 * Ingress to one endpoint: only from the components that declared a dependency on it and the
 * proxy pods of the gateways that route to it (`gatewaysRoutingTo`: the internal gateway's
 * for `organization` endpoints, the internal and the public gateway's for `public` ones,
 * none for `project`), only on its port. Never the whole gateway namespace: the public
 * gateway's proxies must not reach an `organization` endpoint. With no permitted peer the
 * policy has no rule at all — an empty `from` would admit everyone.
 */
export function endpointIngressPolicy(o: {
  endpoint: EndpointEntity;
  project: string;
  component: string;
  namespace: string;
  environment: EnvironmentEntity;
  consumers: Connection[];
}): Manifest {
  const from = [
    ...o.consumers
      .map(c => componentPeer(c.consumerNamespace, c.consumer.metadata.name))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ...gatewaysRoutingTo(o.endpoint, o.environment).map(g =>
      peer(g.pods.namespace, g.pods.labels),
    ),
  ];
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
      to: [componentPeer(c.providerNamespace, c.provider!.metadata.name)],
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
