import type { EndpointVisibility } from '@stagecraft/plugin-stagecraft-common';
import type { TrafficProtocol } from '@stagecraft/plugin-stagecraft-node';
import type { ActionContext } from '../actions/types';

/** Can a component reach another component (or one of its endpoints) in an environment? */
export interface TrafficQuestion {
  fromRef: string;
  /** A component's or an endpoint's full ref. */
  toRef: string;
  /** The destination's port; default: the endpoint's (a component's only endpoint's). */
  port?: number;
  environment: string;
}

/** The `spec.dependsOn` entry that declares a dependency. */
export interface Declaration {
  consumerRef: string;
  endpointRef: string;
  /** `spec.dependsOn[2]` */
  path: string;
  written: string;
}

/** What an endpoint's visibility says about one consumer (`isDependencyPermitted`). */
export interface VisibilityVerdict {
  endpointRef: string;
  visibility: EndpointVisibility;
  consumerProject?: string;
  providerProject?: string;
  permits: boolean;
  /** The rule in words: `"project" admits only components of project system:default/payments`. */
  rule: string;
}

/** One NetworkPolicy that decided a direction: a rule admitting it, or isolation without one. */
export interface PolicyEvidence {
  namespace: string;
  name: string;
  direction: 'egress' | 'ingress';
  effect: 'admits' | 'isolates';
  /** The admitting rule's index in the policy's `egress`/`ingress` list. */
  ruleIndex?: number;
  /** Why the evaluator could only assume the rule matches (see `AdmittingRule`). */
  uncertain?: 'ipBlock' | 'namedPort';
}

/** A pod as the policies see it. */
export interface PodEvidence {
  workload: string;
  namespace: string;
  labels: Record<string, string>;
}

/** The answer to a {@link TrafficQuestion}. */
export interface TrafficExplanation {
  allowed: boolean;
  /** One sentence. */
  reason: string;
  fromRef: string;
  /** The destination component. */
  toRef: string;
  /** The endpoint at that port, when the destination serves one there. */
  endpointRef?: string;
  environment: string;
  declaration?: Declaration;
  visibility?: VisibilityVerdict;
  evidence: {
    policies: PolicyEvidence[];
    sourcePod?: PodEvidence;
    destinationPod?: PodEvidence;
    destinationPort: { port: number; protocol: TrafficProtocol };
  };
  nextStep?: string;
}

/** One declared dependency of a component on an endpoint, seen from either end. */
export interface DependencyEdge {
  consumerRef: string;
  endpointRef: string;
  /** The entry that declares it: `spec.dependsOn[0]`. */
  declaredAt: string;
  /**
   * Undefined when the catalog holds no such endpoint (the compiler refuses the consumer) or
   * the caller may not read its provider (then crossProject and permittedByVisibility are
   * left out too).
   */
  providerRef?: string;
  visibility?: EndpointVisibility;
  protocol?: string;
  port?: number;
  /** Consumer and provider belong to different projects. */
  crossProject?: boolean;
  /** Whether the endpoint's visibility admits the consumer. */
  permittedByVisibility?: boolean;
  /**
   * In the environment asked about: whether the compiled policies admit the connection, and
   * why (explain-traffic's answer). Absent without an environment, for an endpoint not in the
   * catalog, or when the caller may not read the other end.
   */
  policy?: { allowed: boolean; reason: string };
}

/** What a component depends on and what depends on it. */
export interface DependencyNeighbourhood {
  componentRef: string;
  environment?: string;
  dependsOn: DependencyEdge[];
  dependedOnBy: DependencyEdge[];
  /** Consumers of its endpoints the caller may not read: counted, not named. */
  unreadableConsumers: number;
}

/** The traffic questions as service functions; each needs read permission on the components involved. */
export interface TrafficActions {
  explainTraffic(
    question: TrafficQuestion,
    ctx: ActionContext,
  ): Promise<TrafficExplanation>;
  getDependencies(
    o: { componentRef: string; environment?: string },
    ctx: ActionContext,
  ): Promise<DependencyNeighbourhood>;
}
