import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  CatalogIndex,
  gatewayAudiences,
  hasDeployIntent,
  isDependencyPermitted,
  projectRefOf,
  providerRefOf,
  type DeploymentStatus,
  type EndpointEntity,
  type GatewayAudience,
} from '@stagecraft/plugin-stagecraft-common';
import { healthByComponent, pendingEnvironments } from './deploymentHealth';
import {
  DependencyGraph,
  GatewayGraphNode,
  GraphEdge,
  GraphNode,
  GraphScope,
} from './types';

const GATEWAYS: Record<GatewayAudience, GatewayGraphNode> = {
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

/**
 * A graph under construction: nodes and edges each added once, in the order first seen, with
 * the visibility rule (`isDependencyPermitted`, the compiler's) and the reported pending
 * connections applied as dependencies are added. Endpoints come with their spec defaults
 * (`withSpecDefaults`).
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
    const project = projectRefOf(component);
    this.nodes.set(ref, {
      kind: 'component',
      id: ref,
      label: displayName(component)!,
      parentId: project && this.addProject(project),
      deployable: hasDeployIntent(component),
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
    const providerRef = providerRefOf(endpoint);
    const provider = providerRef ? this.index.get(providerRef) : undefined;
    const project = provider && projectRefOf(provider);
    this.nodes.set(ref, {
      kind: 'endpoint',
      id: ref,
      label: displayName(endpoint)!,
      parentId: project && this.addProject(project),
      visibility: endpoint.spec.visibility,
      protocol: endpoint.spec.protocol,
      port: endpoint.spec.port,
    });
    if (provider && providerRef) {
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
    const providerRef = providerRefOf(endpoint);
    const provider = providerRef ? this.index.get(providerRef) : undefined;
    this.addEdge({
      kind: 'dependsOn',
      id: `dependsOn:${consumerRef}->${endpointRef}`,
      source: consumerRef,
      target: endpointRef,
      permitted: isDependencyPermitted({
        visibility: endpoint.spec.visibility,
        consumerProject: projectRefOf(this.index.get(consumerRef)!),
        providerProject: provider && projectRefOf(provider),
      }),
      crossProject: consumer.parentId !== target.parentId,
      pendingIn: pendingEnvironments(this.deployments, {
        consumerRef,
        endpointRef,
      }),
    });
  }

  /**
   * The gateways that route to the endpoint (`gatewayAudiences`, as the compiler routes them):
   * drawn apart from any environment, so the public one where an environment has it.
   */
  addGateways(endpoint: EndpointEntity): void {
    const endpointRef = stringifyEntityRef(endpoint);
    for (const audience of gatewayAudiences(endpoint.spec, {
      publicGateway: true,
    })) {
      const gateway = GATEWAYS[audience];
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
