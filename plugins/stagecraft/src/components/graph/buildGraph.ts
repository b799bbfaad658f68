import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  CatalogIndex,
  withSpecDefaults,
  type DeploymentStatus,
} from '@stagecraft/plugin-stagecraft-common';
import { environmentsOf } from './deploymentHealth';
import { GraphAccumulator } from './GraphAccumulator';
import { DependencyGraph, GraphScope } from './types';

/** Input of {@link buildGraph}. */
export interface BuildGraphInput {
  scope: GraphScope;
  /** The scope's entities and their neighbours (see `loadNeighbourhood`). */
  entities: Entity[];
  /** Deployments of the components in view; their order decides the order of environments. */
  deployments?: DeploymentStatus[];
  /** Components whose deployments could not be loaded. */
  deploymentsUnavailable?: string[];
}

/**
 * Turns catalog entities into the graph both views draw: the scope's components, the endpoints
 * they serve and who depends on those, the endpoints they depend on and who serves those, all
 * grouped by project. A project scope also gets the gateways its exposed endpoints are reached
 * through.
 */
export function buildGraph(input: BuildGraphInput): DependencyGraph {
  const { scope, deployments = [], deploymentsUnavailable = [] } = input;
  const index = new CatalogIndex(input.entities.map(withSpecDefaults));
  const graph = new GraphAccumulator(
    index,
    scope,
    deployments,
    new Set(deploymentsUnavailable),
  );

  const seeds =
    scope.kind === 'component'
      ? [scope.ref]
      : index.componentsOfProject(scope.ref).map(c => stringifyEntityRef(c));
  if (scope.kind === 'project') graph.addProject(scope.ref);

  for (const seed of seeds) {
    const component = index.get(seed);
    if (!component) continue;
    graph.addComponent(seed);
    for (const endpoint of index.endpointsServedBy(seed)) {
      const endpointRef = graph.addEndpoint(endpoint);
      for (const consumer of index.consumersOf(endpointRef)) {
        graph.addDependency(
          graph.addComponent(stringifyEntityRef(consumer)),
          endpoint,
        );
      }
      if (scope.kind === 'project') graph.addGateways(endpoint);
    }
    for (const { endpoint } of index.dependenciesOf(component)) {
      if (!endpoint) continue; // not in the catalog: the compiler reports it
      graph.addEndpoint(endpoint);
      graph.addDependency(seed, endpoint);
    }
  }
  return graph.result(environmentsOf(deployments));
}

/**
 * Whether there is nothing worth drawing: a component with no endpoints and no dependencies,
 * or a project without components.
 */
export function isEmptyGraph(
  graph: DependencyGraph,
  scope: GraphScope,
): boolean {
  return scope.kind === 'component'
    ? graph.edges.length === 0
    : !graph.nodes.some(n => n.kind === 'component');
}
