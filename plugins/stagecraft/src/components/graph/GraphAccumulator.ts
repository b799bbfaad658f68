import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type {
  DeploymentStatus,
  EndpointEntity,
  EndpointVisibility,
} from '@stagecraft/plugin-stagecraft-common';
import { CatalogIndex, projectOf, providerOf } from './CatalogIndex';
import { healthByComponent, pendingEnvironments } from './deploymentHealth';
import {
  DependencyGraph,
  GatewayGraphNode,
  GraphEdge,
  GraphNode,
  GraphScope,
} from './types';

const GATEWAYS: Record<GatewayGraphNode['exposure'], GatewayGraphNode> = {
  internal: {
    kind: 'gateway',
    id: 'gateway:internal',
    label: 'Internal gateway',
    exposure: 'internal',
  },
  public: {
    kind: 'gateway',
    id: 'gateway:public',
    label: 'Public gateway',
    exposure: 'public',
  },
};

const EXPOSURES: Record<EndpointVisibility, GatewayGraphNode['exposure'][]> = {
  project: [],
  organization: ['internal'],
  public: ['internal', 'public'],
};

/**
 * A graph under construction: nodes and edges each added once, in the order first seen, with
 * the visibility and pending-connection rules applied as dependencies are added.
 */
export class GraphAccumulator {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  private readonly health: ReturnType<typeof healthByComponent>;

  constructor(
    private readonly index: CatalogIndex,
    private readonly scope: GraphScope,
    private readonly deployments: DeploymentStatus[],
    private readonly deploymentsUnavailable: Set<string>,
  ) {
    this.health = healthByComponent(deployments);
  }

  addProject(ref: string): string {
    if (!this.nodes.has(ref)) {
      const system = this.index.get(ref);
      this.nodes.set(ref, {
        kind: 'project',
        id: ref,
        label: displayName(system) ?? parseEntityRef(ref).name,
        cell: this.scope.kind === 'project' && this.scope.ref === ref,
      });
    }
    return ref;
  }

  addComponent(ref: string): string {
    const component = this.index.get(ref);
    if (!component || this.nodes.has(ref)) return ref;
    const project = projectOf(component);
    this.nodes.set(ref, {
      kind: 'component',
      id: ref,
      label: displayName(component)!,
      parentId: project && this.addProject(project),
      deployable: Boolean(component.spec?.deploy),
      focus: this.scope.kind === 'component' && this.scope.ref === ref,
      deployments: this.health.get(ref) ?? {},
      deploymentsKnown: !this.deploymentsUnavailable.has(ref),
    });
    return ref;
  }

  /** Adds the endpoint, in its provider's project, with the provider and the serves edge. */
  addEndpoint(endpoint: EndpointEntity): string {
    const ref = stringifyEntityRef(endpoint);
    if (this.nodes.has(ref)) return ref;
    const providerRef = providerOf(endpoint);
    const provider = this.index.get(providerRef);
    const project = provider && projectOf(provider);
    this.nodes.set(ref, {
      kind: 'endpoint',
      id: ref,
      label: displayName(endpoint)!,
      parentId: project && this.addProject(project),
      visibility: endpoint.spec.visibility ?? 'project',
      protocol: endpoint.spec.protocol ?? 'http',
      port: endpoint.spec.port,
    });
    if (provider) {
      this.addComponent(providerRef);
      this.addEdge({
        kind: 'serves',
        id: `serves:${ref}->${providerRef}`,
        source: ref,
        target: providerRef,
      });
    }
    return ref;
  }

  addDependency(consumerRef: string, endpoint: EndpointEntity): void {
    const endpointRef = stringifyEntityRef(endpoint);
    const consumer = this.nodes.get(consumerRef);
    const target = this.nodes.get(endpointRef);
    if (consumer?.kind !== 'component' || target?.kind !== 'endpoint') return;
    const crossProject = consumer.parentId !== target.parentId;
    this.addEdge({
      kind: 'dependsOn',
      id: `dependsOn:${consumerRef}->${endpointRef}`,
      source: consumerRef,
      target: endpointRef,
      permitted: target.visibility !== 'project' || !crossProject,
      crossProject,
      pendingIn: pendingEnvironments(this.deployments, {
        consumerRef,
        endpointRef,
        providerRef: providerOf(endpoint),
      }),
    });
  }

  /** `organization` endpoints are reached through the internal gateway; `public` ones through both. */
  addGateways(endpoint: EndpointEntity): void {
    const endpointRef = stringifyEntityRef(endpoint);
    for (const exposure of EXPOSURES[endpoint.spec.visibility ?? 'project']) {
      const gateway = GATEWAYS[exposure];
      this.nodes.set(gateway.id, gateway);
      this.addEdge({
        kind: 'exposes',
        id: `exposes:${gateway.id}->${endpointRef}`,
        source: gateway.id,
        target: endpointRef,
      });
    }
  }

  result(environments: string[]): DependencyGraph {
    return {
      nodes: [...this.nodes.values()],
      edges: [...this.edges.values()],
      environments,
    };
  }

  private addEdge(edge: GraphEdge): void {
    if (!this.edges.has(edge.id)) this.edges.set(edge.id, edge);
  }
}

function displayName(entity: Entity | undefined): string | undefined {
  return entity && (entity.metadata.title ?? entity.metadata.name);
}
