import type { Manifest } from '../compiler/types';

/**
 * A pod as NetworkPolicies see it: its namespace and labels.
 *
 * @public
 */
export interface PodIdentity {
  namespace: string;
  labels: Record<string, string>;
}

/**
 * One port a container declares (`spec.containers[].ports[]`); a policy's named port is
 * resolved against these.
 *
 * @public
 */
export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

/**
 * The pod a connection goes to. Its `containerPorts` resolve the named ports of the policies
 * (on both sides: an egress rule's named port names a port of the destination too); without
 * them a named port cannot be decided and is assumed to match.
 *
 * @public
 */
export interface DestinationPod extends PodIdentity {
  containerPorts?: ContainerPort[];
}

/** @public */
export type TrafficProtocol = 'TCP' | 'UDP' | 'SCTP';

/**
 * A question for {@link evaluateTraffic}: may `from` open a connection to `to` on `port`?
 *
 * @public
 */
export interface TrafficQuery {
  /**
   * The objects of the environment: its NetworkPolicies and, to label namespaces, its
   * Namespaces; anything else is ignored. Compiled or read back from a cluster alike.
   */
  manifests: Manifest[];
  from: PodIdentity;
  to: DestinationPod;
  /** The destination pod's port (a container port, not a Service port). */
  port: number;
  /** Default TCP. */
  protocol?: TrafficProtocol;
}

/** A NetworkPolicy by namespace and name. @public */
export interface PolicyRef {
  namespace: string;
  name: string;
}

/**
 * A rule that admits the connection: its policy and its index in the policy's `ingress` or
 * `egress` list. `uncertain` says why labels alone could not decide it and the evaluator
 * assumed a match: an `ipBlock` peer (pods are not known by address here) or a named port
 * of a destination whose container ports were not given.
 *
 * @public
 */
export interface AdmittingRule extends PolicyRef {
  ruleIndex: number;
  uncertain?: 'ipBlock' | 'namedPort';
}

/**
 * The verdict of one direction: the source's egress or the destination's ingress.
 * `isolatedBy` lists the policies that select the pod for this direction (none: the pod is
 * not isolated and everything is allowed); `admittedBy` the rules of those policies that
 * admit the connection.
 *
 * @public
 */
export interface DirectionVerdict {
  direction: 'egress' | 'ingress';
  allowed: boolean;
  isolatedBy: PolicyRef[];
  admittedBy: AdmittingRule[];
}

/**
 * Both directions must allow a connection.
 *
 * @public
 */
export interface TrafficVerdict {
  allowed: boolean;
  egress: DirectionVerdict;
  ingress: DirectionVerdict;
}
