import type {
  EndpointProtocol,
  EndpointVisibility,
  GatewayAudience,
  SyncState,
} from '@stagecraft/plugin-stagecraft-common';

/**
 * What the graph is drawn around: one component (the Dependencies tab) or one project (the
 * cell diagram). Refs are full entity refs, `component:default/checkout-api`.
 */
export type GraphScope =
  | { kind: 'component'; ref: string }
  | { kind: 'project'; ref: string };

/** A component's deployment in one environment, as far as the graph shows it. */
export interface DeploymentHealth {
  state: SyncState;
  /** Human-readable: what is happening or what is wrong. */
  reason: string;
  desiredState: 'deployed' | 'undeployed';
}

/** A Component; `deployments` is keyed by environment name. */
export interface ComponentGraphNode {
  kind: 'component';
  id: string;
  label: string;
  /** The project group it sits in, when it belongs to a project. */
  parentId?: string;
  /** Whether it has Stagecraft deploy intent (`spec.deploy`). */
  deployable: boolean;
  /** The component the Dependencies tab is about. */
  focus: boolean;
  deployments: Record<string, DeploymentHealth>;
  /** False when its deployments could not be loaded, so its health is unknown. */
  deploymentsKnown: boolean;
}

/** An Endpoint, in the project of the component serving it. */
export interface EndpointGraphNode {
  kind: 'endpoint';
  id: string;
  label: string;
  parentId?: string;
  visibility: EndpointVisibility;
  protocol: EndpointProtocol;
  port: number;
}

/** A System (project) drawn as a box around its components and endpoints. */
export interface ProjectGraphNode {
  kind: 'project';
  id: string;
  label: string;
  /** The project the cell diagram is about; every other project is an outside box. */
  cell: boolean;
}

/** The gateway through which `organization` (internal) or `public` endpoints are reached. */
export interface GatewayGraphNode {
  kind: 'gateway';
  id: string;
  label: string;
  exposure: GatewayAudience;
}

export type GraphNode =
  | ComponentGraphNode
  | EndpointGraphNode
  | ProjectGraphNode
  | GatewayGraphNode;

/** An endpoint is served by a component: drawn endpoint → component, the way traffic flows. */
export interface ServesGraphEdge {
  kind: 'serves';
  id: string;
  source: string;
  target: string;
}

/** A declared dependency of a component (source) on an endpoint (target). */
export interface DependsOnGraphEdge {
  kind: 'dependsOn';
  id: string;
  source: string;
  target: string;
  /** The endpoint's visibility admits the consumer; traffic flows only along permitted edges. */
  permitted: boolean;
  /** Consumer and endpoint belong to different projects. */
  crossProject: boolean;
  /** Environments where the provider is not deployed yet, so the connection is pending. */
  pendingIn: string[];
}

/** A gateway (source) routes traffic to an exposed endpoint (target). */
export interface ExposesGraphEdge {
  kind: 'exposes';
  id: string;
  source: string;
  target: string;
}

export type GraphEdge = ServesGraphEdge | DependsOnGraphEdge | ExposesGraphEdge;

/** The model both views draw: nodes, edges and the environments seen in the deployments. */
export interface DependencyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Environments any component in view is deployed to, in order of first appearance. */
  environments: string[];
}

/** The project box a node is drawn in; projects and gateways sit at the top level. */
export function parentOf(node: GraphNode): string | undefined {
  return node.kind === 'component' || node.kind === 'endpoint'
    ? node.parentId
    : undefined;
}
