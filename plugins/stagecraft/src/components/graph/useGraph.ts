import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  hasDeployIntent,
  projectRefOf,
  type DeploymentStatus,
} from '@stagecraft/plugin-stagecraft-common';
import useAsync from 'react-use/esm/useAsync';
import { StagecraftApi, stagecraftApiRef } from '../../api/StagecraftApi';
import { buildGraph, isEmptyGraph } from './buildGraph';
import { GraphLayout, layoutGraph } from './layoutGraph';
import { loadNeighbourhood } from './loadNeighbourhood';
import { loadPipeline } from '../Deploy/pipeline/loadPipeline';
import { inPipelineOrder } from '../shared/pipelineOrder';
import { DependencyGraph, GraphScope } from './types';

/** Deployments of one component could not be loaded; the rest of the graph still shows. */
export interface DeploymentLoadError {
  componentRef: string;
  message: string;
}

/** Everything a graph view draws. */
export interface LoadedGraph {
  scope: GraphScope;
  graph: DependencyGraph;
  layout: GraphLayout;
  deploymentErrors: DeploymentLoadError[];
}

/** A System is drawn as a project cell; anything else as one component. */
export function graphScopeOf(entity: Entity): GraphScope {
  const ref = stringifyEntityRef(entity);
  return entity.kind === 'System'
    ? { kind: 'project', ref }
    : { kind: 'component', ref };
}

/**
 * Loads the entity's neighbourhood from the catalog and the deployments of every deployable
 * component in it, then builds and lays out the graph.
 */
export function useGraph(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const stagecraftApi = useApi(stagecraftApiRef);
  return useAsync(async (): Promise<LoadedGraph> => {
    const scope = graphScopeOf(entity);
    const entities = await loadNeighbourhood(catalogApi, entity);
    const [{ deployments, errors }, pipeline] = await Promise.all([
      loadDeployments(stagecraftApi, deployableInView(entities, scope)),
      // The selector follows the pipeline of the component (or the project) in view.
      loadPipeline(catalogApi, entity).catch(() => undefined),
    ]);
    const built = buildGraph({
      scope,
      entities,
      deployments,
      deploymentsUnavailable: errors.map(e => e.componentRef),
    });
    const graph = {
      ...built,
      environments: inPipelineOrder(built.environments, pipeline?.stages),
    };
    // An empty graph is not drawn, so it needs no layout.
    const layout = isEmptyGraph(graph, scope)
      ? new Map()
      : await layoutGraph(graph);
    return { scope, graph, layout, deploymentErrors: errors };
  }, [catalogApi, stagecraftApi, entity]);
}

/** Deployable components, the scope's own first so its environments lead the selector. */
function deployableInView(entities: Entity[], scope: GraphScope): string[] {
  const inScope = (component: Entity) =>
    scope.kind === 'component'
      ? stringifyEntityRef(component) === scope.ref
      : projectRefOf(component) === scope.ref;
  const deployable = entities.filter(hasDeployIntent);
  return [
    ...deployable.filter(inScope),
    ...deployable.filter(e => !inScope(e)),
  ].map(e => stringifyEntityRef(e));
}

async function loadDeployments(
  api: StagecraftApi,
  componentRefs: string[],
): Promise<{ deployments: DeploymentStatus[]; errors: DeploymentLoadError[] }> {
  const results = await Promise.allSettled(
    componentRefs.map(ref => api.listDeployments(ref)),
  );
  const deployments: DeploymentStatus[] = [];
  const errors: DeploymentLoadError[] = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') deployments.push(...result.value);
    else {
      errors.push({
        componentRef: componentRefs[i],
        message: String(result.reason?.message ?? result.reason),
      });
    }
  });
  return { deployments, errors };
}
