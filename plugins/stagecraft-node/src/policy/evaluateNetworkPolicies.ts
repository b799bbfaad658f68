import { Manifest } from '../compiler/types';

/** A pod as NetworkPolicies see it: its namespace and labels. */
export interface PodIdentity {
  namespace: string;
  labels: Record<string, string>;
}

type LabelSelector = { matchLabels?: Record<string, string> };
type Peer = { namespaceSelector?: LabelSelector; podSelector?: LabelSelector };
type Rule = {
  from?: Peer[];
  to?: Peer[];
  ports?: { port?: number; protocol?: string }[];
};
type PolicySpec = {
  podSelector: LabelSelector;
  policyTypes: string[];
  ingress?: Rule[];
  egress?: Rule[];
};

const matches = (
  selector: LabelSelector | undefined,
  labels: Record<string, string>,
) =>
  Object.entries(selector?.matchLabels ?? {}).every(
    ([k, v]) => labels[k] === v,
  );

/**
 * Decides whether `from` may open a connection to `to` on `port` under the given
 * NetworkPolicies, with Kubernetes semantics: a pod selected by any policy of a direction is
 * isolated in that direction, and then only a rule of a selecting policy can admit traffic;
 * both the source's egress and the destination's ingress must admit it. Covers the selector
 * forms Stagecraft generates (matchLabels). Used to audit compiled output and, later, to
 * explain blocked traffic.
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

  const peerMatches = (
    peer: Peer,
    policyNamespace: string,
    pod: PodIdentity,
  ) => {
    if (peer.namespaceSelector) {
      return (
        matches(peer.namespaceSelector, nsLabels(pod.namespace)) &&
        matches(peer.podSelector, pod.labels)
      );
    }
    return (
      pod.namespace === policyNamespace && matches(peer.podSelector, pod.labels)
    );
  };
  const portMatches = (rule: Rule) =>
    !rule.ports ||
    rule.ports.length === 0 ||
    rule.ports.some(
      p =>
        (p.port === undefined || p.port === o.port) &&
        (p.protocol ?? 'TCP') === protocol,
    );

  const admits = (
    direction: 'Ingress' | 'Egress',
    subject: PodIdentity,
    other: PodIdentity,
  ) => {
    const selecting = policies.filter(
      p =>
        p.metadata.namespace === subject.namespace &&
        p.spec.policyTypes.includes(direction) &&
        matches(p.spec.podSelector, subject.labels),
    );
    if (selecting.length === 0) return true; // not isolated in this direction
    return selecting.some(policy => {
      const rules =
        (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) ??
        [];
      return rules.some(rule => {
        const peers = direction === 'Ingress' ? rule.from : rule.to;
        const peerOk =
          !peers ||
          peers.length === 0 ||
          peers.some(peer =>
            peerMatches(peer, policy.metadata.namespace!, other),
          );
        return peerOk && portMatches(rule);
      });
    });
  };

  return admits('Egress', o.from, o.to) && admits('Ingress', o.to, o.from);
}
