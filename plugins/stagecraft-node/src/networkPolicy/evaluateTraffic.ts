import { Manifest } from '../compiler/types';
import { LabelSelector, selectorMatches } from './labelSelector';
import {
  AdmittingRule,
  ContainerPort,
  DirectionVerdict,
  PodIdentity,
  PolicyRef,
  TrafficQuery,
  TrafficVerdict,
} from './types';

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
  podSelector?: LabelSelector;
  policyTypes?: string[];
  ingress?: Rule[];
  egress?: Rule[];
};
type Policy = PolicyRef & { spec: PolicySpec };

/** How a peer or a port matched: for certain, or only assumed (see `AdmittingRule.uncertain`). */
type Match = false | true | 'ipBlock' | 'namedPort';

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
 * (absent: any pod); without one, the pod must be in the policy's own namespace. An empty
 * selector (`{}`) matches everything, an absent one is no condition; a peer with neither is
 * invalid and selects nothing. Pods are known by labels, not addresses, so an `ipBlock` peer
 * is assumed to match: a verdict may say "allowed" where a CNI would deny, never the reverse.
 */
function peerSelects(
  peer: Peer,
  policyNamespace: string,
  pod: PodIdentity,
  namespaceLabels: (namespace: string) => Record<string, string>,
): Match {
  if (peer.ipBlock) return 'ipBlock';
  if (peer.namespaceSelector)
    return (
      selectorMatches(peer.namespaceSelector, namespaceLabels(pod.namespace)) &&
      selectorMatches(peer.podSelector ?? {}, pod.labels)
    );
  if (!peer.podSelector) return false;
  return (
    pod.namespace === policyNamespace &&
    selectorMatches(peer.podSelector, pod.labels)
  );
}

/**
 * Whether one policy port admits a port: same protocol (default TCP); no port means every
 * port; a number up to `endPort` when there is one; a name resolved against the destination's
 * container ports of that protocol (assumed to match when they are not known).
 */
function portAdmits(
  p: PolicyPort,
  port: number,
  protocol: string,
  containerPorts: ContainerPort[] | undefined,
): Match {
  if ((p.protocol ?? 'TCP') !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string') {
    if (!containerPorts) return 'namedPort';
    return containerPorts.some(
      c =>
        c.name === p.port &&
        (c.protocol ?? 'TCP') === protocol &&
        c.containerPort === port,
    );
  }
  return p.endPort === undefined
    ? p.port === port
    : port >= p.port && port <= p.endPort;
}

/** The best of several ways to match: a certain one over an assumed one. */
function anyMatch(matches: Match[]): Match {
  if (matches.includes(true)) return true;
  return matches.find(m => m !== false) ?? false;
}

/**
 * Decides whether `from` may open a connection to `to` on `port` under the NetworkPolicies
 * among `manifests`, with Kubernetes semantics, and says why: a pod selected by any policy of
 * a direction is isolated in that direction, and then only a rule of a selecting policy can
 * admit the connection; both the source's egress and the destination's ingress must admit it.
 * A rule without peers admits every peer and one without ports every port; peers of a rule
 * are ORed, the selectors inside one peer ANDed (`matchLabels` and `matchExpressions`).
 * Namespaces are labelled as the `Namespace` objects among `manifests` say, otherwise with
 * `kubernetes.io/metadata.name` only (which the API server sets on every namespace).
 *
 * @public
 */
export function evaluateTraffic(query: TrafficQuery): TrafficVerdict {
  const namespaceLabels = namespaceLabelsOf(query.manifests);
  const policies = policiesOf(query.manifests);
  const protocol = query.protocol ?? 'TCP';

  const verdict = (
    direction: 'Ingress' | 'Egress',
    subject: PodIdentity,
    peer: PodIdentity,
  ): DirectionVerdict => {
    const selecting = policies.filter(
      p =>
        p.namespace === subject.namespace &&
        policyTypesOf(p.spec).includes(direction) &&
        selectorMatches(p.spec.podSelector ?? {}, subject.labels),
    );
    const admittedBy: AdmittingRule[] = [];
    for (const policy of selecting) {
      const rules =
        (direction === 'Ingress' ? policy.spec.ingress : policy.spec.egress) ??
        [];
      rules.forEach((rule, ruleIndex) => {
        const peers = (direction === 'Ingress' ? rule.from : rule.to) ?? [];
        const peerMatch: Match =
          peers.length === 0 ||
          anyMatch(
            peers.map(p =>
              peerSelects(p, policy.namespace, peer, namespaceLabels),
            ),
          );
        const ports = rule.ports ?? [];
        const portMatch: Match =
          ports.length === 0 ||
          anyMatch(
            ports.map(p =>
              portAdmits(p, query.port, protocol, query.to.containerPorts),
            ),
          );
        if (!peerMatch || !portMatch) return;
        const uncertain = [peerMatch, portMatch].find(
          (m): m is 'ipBlock' | 'namedPort' => typeof m === 'string',
        );
        admittedBy.push({
          namespace: policy.namespace,
          name: policy.name,
          ruleIndex,
          ...(uncertain ? { uncertain } : {}),
        });
      });
    }
    return {
      direction: direction === 'Ingress' ? 'ingress' : 'egress',
      allowed: selecting.length === 0 || admittedBy.length > 0,
      isolatedBy: selecting.map(p => ({
        namespace: p.namespace,
        name: p.name,
      })),
      admittedBy,
    };
  };

  const egress = verdict('Egress', query.from, query.to);
  const ingress = verdict('Ingress', query.to, query.from);
  return { allowed: egress.allowed && ingress.allowed, egress, ingress };
}

/** The NetworkPolicies among the manifests, in a stable order; one without a namespace selects no pod. */
function policiesOf(manifests: Manifest[]): Policy[] {
  return manifests
    .filter(m => m.kind === 'NetworkPolicy' && m.metadata.namespace)
    .map(m => ({
      namespace: m.metadata.namespace!,
      name: m.metadata.name,
      spec: (m.spec ?? {}) as PolicySpec,
    }))
    .sort(
      (a, b) =>
        a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name),
    );
}

function namespaceLabelsOf(manifests: Manifest[]) {
  const labels = new Map<string, Record<string, string>>();
  for (const m of manifests.filter(x => x.kind === 'Namespace'))
    labels.set(m.metadata.name, {
      ...m.metadata.labels,
      'kubernetes.io/metadata.name': m.metadata.name,
    });
  return (namespace: string) =>
    labels.get(namespace) ?? { 'kubernetes.io/metadata.name': namespace };
}
