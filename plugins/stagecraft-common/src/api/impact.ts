import type { EndpointVisibility } from '../kinds';

/*
 * Impact analysis answers (GET .../impact, GET .../promotion-preview, and the impact and
 * preview-promotion agent actions): one definition for the backend and the portal. Type
 * aliases, not interfaces, so the OpenAPI-typed router accepts them as response bodies.
 */
/** One consumer → provider path on a port, as the planned NetworkPolicies decide it. */
export type ImpactPath = {
  fromRef: string;
  toRef: string;
  /** The provider's endpoint at the port. */
  endpointRef?: string;
  port: number;
  protocol: 'TCP' | 'UDP';
  /** Whether the consumer's `spec.dependsOn` declares the endpoint (in today's catalog). */
  declared: boolean;
};

/** Paths whose verdict differs between two plans of one environment. */
export type PathChanges = {
  opens: ImpactPath[];
  closes: ImpactPath[];
  /** Paths evaluated in both plans. */
  evaluated: number;
  /** Changed paths with an end the caller may not read: counted, not named. */
  unreadable: number;
};

/** A component that depends, directly or through others, on the subject. */
export type Dependant = {
  componentRef: string;
  /** 1: declares a dependency on the subject's endpoint; 2: on a direct dependant's; … */
  depth: number;
  /** The endpoint it depends on (the subject's, or the dependant's it reaches it through). */
  via: string;
  crossProject: boolean;
  /** The environments it is deployed in. */
  deployedIn: string[];
};

/** What narrowing an endpoint's visibility would refuse. */
export type Narrowing = {
  endpointRef: string;
  from: EndpointVisibility;
  to: EndpointVisibility;
  /** Consumers the narrower visibility no longer admits: their declared paths close. */
  refusedConsumers: string[];
};

/** Replicas of one deployment against its environment's bounds. */
export type CapacityRow = {
  environment: string;
  replicas?: number;
  /** Sum of the pod template's container requests, per pod. */
  requests: { cpu?: string; memory?: string }[];
  /** `spec.policy.replicas` of the Environment; absent when it declares none. */
  bounds?: { min: number; max: number };
  /** Why the replicas sit outside the bounds, or "no bounds declared". */
  note?: string;
};

/** The impact of a component (or one of its endpoints) going away or changing. */
export type ComponentImpact = {
  subjectRef: string;
  componentRef: string;
  environments: string[];
  dependants: Dependant[];
  /** Dependants the caller may not read: counted, not named. */
  unreadableDependants: number;
  /** Per environment: the paths that would close if the component were undeployed there. */
  ifUndeployed: {
    environment: string;
    closes: ImpactPath[];
    unreadable: number;
  }[];
  /** Per endpoint: the consumers whose declaration would name a missing endpoint. */
  ifEndpointRemoved: { endpointRef: string; consumers: string[] }[];
  ifVisibilityNarrowed: Narrowing[];
  capacity: CapacityRow[];
};

/** A connection a release declares, with the planned policies' verdict before and after. */
export type ConnectionChange = ImpactPath & {
  allowedBefore: boolean;
  allowedAfter: boolean;
};

/** The paths a promotion would open and close in the next stage, before it runs. */
export type PromotionPreview = {
  componentRef: string;
  from: string;
  to: string;
  releaseId: string;
  /** The release the target runs now; absent when the component is not deployed there. */
  currentReleaseId?: string;
  /** Paths whose policy verdict changes. */
  changes: PathChanges;
  /** Dependencies the promoted release declares and the current one does not, and the reverse. */
  connections: {
    added: ConnectionChange[];
    dropped: ConnectionChange[];
    /** Changed connections to providers the caller may not read: counted, not named. */
    unreadable: number;
  };
};
