import { Manifest } from '../compiler/types';
import { LabelSelector, selectorMatches } from './labelSelector';

/** A pod as NetworkPolicies see it: its namespace and labels. */
export interface PodIdentity {
  namespace: string;
  labels: Record<string, string>;
}

type Peer = {
  namespaceSelector?: LabelSelector;
  podSelector?: LabelSelector;
  ipBlock?: unknown;
};
type PolicyPort = {
  port?: number | string;
  endPort?: number;
  protocol?: string;
};
type Rule = { from?: Peer[]; to?: Peer[]; ports?: PolicyPort[] };
type PolicySpec = {
  podSelector: LabelSelector;
  policyTypes?: string[];
  ingress?: Rule[];
  egress?: Rule[];
};

/**
 * The API server's defaulting (pkg/apis/networking/v1/defaults.go): when `policyTypes` is
 * empty or absent, Ingress, plus Egress if there is at least one egress rule. Both are tests
 * of length, so `policyTypes: []` is defaulted like an absent one and `egress: []` adds no
 * Egress; a policy read back from a cluster is already defaulted, a compiled one may not be.
 */
const policyTypesOf = (spec: PolicySpec): string[] => {
  if (spec.policyTypes && spec.policyTypes.length > 0) return spec.policyTypes;
  return spec.egress && spec.egress.length > 0
    ? ['Ingress', 'Egress']
    : ['Ingress'];
};

/**
 * Whether one peer selects a pod. Within a peer the selectors are ANDed: with a
 * `namespaceSelector`, the pod's namespace must match it and its labels the `podSelector`
 * (absent: any pod); without one, the pod must be in the policy's own namespace. Peers of a
 * rule are ORed by the caller. Pods are identified by labels, not IPs, so an `ipBlock` peer
 * is assumed to match (the verdict may say "allowed" where a CNI would deny, never the
 * reverse).
 */
function peerSelects(
  peer: Peer,
  policyNamespace: string,
  pod: PodIdentity,
  namespaceLabels: (namespace: string) => Record<string, string>,
): boolean {
  if (peer.ipBlock) return true;
  if (peer.namespaceSelector) {
    return (
      selectorMatches(peer.namespaceSelector, namespaceLabels(pod.namespace)) &&
      selectorMatches(peer.podSelector ?? {}, pod.labels)
    );
  }
  if (!peer.podSelector) return false; // an empty peer is invalid; it selects nothing
  return (
    pod.namespace === policyNamespace &&
    selectorMatches(peer.podSelector, pod.labels)
  );
}

/**
 * Whether a rule's ports admit a port: no ports means all; a port range with `endPort`; a
 * named port (resolved against the container, which a PodIdentity lacks) is assumed to match,
 * erring towards "allowed" like `ipBlock`.
 */
function portsAdmit(
  ports: PolicyPort[] | undefined,
  port: number,
  protocol: string,
) {
  if (!ports || ports.length === 0) return true;
  return ports.some(p => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined || typeof p.port === 'string') return true;
    return p.endPort === undefined
      ? p.port === port
      : port >= p.port && port <= p.endPort;
  });
}

/**
 * Decides whether `from` may open a connection to `to` on `port` under the given
 * NetworkPolicies, with Kubernetes semantics: a pod selected by any policy of a direction is
 * isolated in that direction, and then only a rule of a selecting policy can admit traffic;
 * both the source's egress and the destination's ingress must admit it. Peers of a rule are
 * ORed, the selectors inside one peer ANDed. Label selectors: `matchLabels` and
 * `matchExpressions`. Namespaces are labelled as the `Namespace` objects among `manifests`
 * say (compiled or read from a cluster), otherwise with `kubernetes.io/metadata.name` only.
 * Used to audit compiled output and the policies a cluster stores, and to explain blocked
 * traffic.
 *
 * @public
 */
export function isTrafficAllowed(o: {
  manifests: Manifest[];
  from: PodIdentity;
  to: PodIdentity;
  port: number;
  protocol?: 'TCP' | 'UDP';
}): boolean {
  const namespaceLabels = new Map<string, Record<string, string>>();
  for (const m of o.manifests.filter(x => x.kind === 'Namespace')) {
    namespaceLabels.set(m.metadata.name, {
      ...m.metadata.labels,
      'kubernetes.io/metadata.name': m.metadata.name,
    });
  }
  const nsLabels = (ns: string) =>
    namespaceLabels.get(ns) ?? { 'kubernetes.io/metadata.name': ns };
  const policies = o.manifests.filter(
    m => m.kind === 'NetworkPolicy',
  ) as (Manifest & { spec: PolicySpec })[];
  const protocol = o.protocol ?? 'TCP';

  const admits = (
    direction: 'Ingress' | 'Egress',
    subject: PodIdentity,
    other: PodIdentity,
  ) => {
    const selecting = policies.filter(
      p =>
        p.metadata.namespace === subject.namespace &&
        policyTypesOf(p.spec).includes(direction) &&
        selectorMatches(p.spec.podSelector ?? {}, subject.labels),
    );
    if (selecting.length === 0) return true; // not isolated in this direction
    return selecting.some(policy => {
      const rules =
        (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) ??
        [];
      return rules.some(rule => {
        const peers = direction === 'Ingress' ? rule.from : rule.to;
        // A rule without peers admits every peer; otherwise any one peer may match.
        const peerOk =
          !peers ||
          peers.length === 0 ||
          peers.some(peer =>
            peerSelects(peer, policy.metadata.namespace!, other, nsLabels),
          );
        return peerOk && portsAdmit(rule.ports, o.port, protocol);
      });
    });
  };

  return admits('Egress', o.from, o.to) && admits('Ingress', o.to, o.from);
}
