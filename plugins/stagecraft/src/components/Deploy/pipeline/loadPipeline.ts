import { Entity } from '@backstage/catalog-model';
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  PipelineStage,
  pipelineRefFor,
  pipelineStages,
  projectRefOf,
} from '@stagecraft/plugin-stagecraft-common';

export type { PipelineStage };

/** The pipeline a component's releases follow. */
export interface Pipeline {
  /** The `DeploymentPipeline` entity's name. */
  name: string;
  stages: PipelineStage[];
}

/**
 * The pipeline a component follows, resolved the way the control plane resolves it: the
 * `DeploymentPipeline` named by the component's annotation, else its system's, else the one
 * named `default`, in the component's namespace. Undefined when there is no such (valid)
 * pipeline; the caller then falls back to the order the deployments come in.
 */
export async function loadPipeline(
  catalogApi: CatalogApi,
  component: Entity,
): Promise<Pipeline | undefined> {
  const entity = await catalogApi.getEntityByRef(
    pipelineRefFor(component, await systemOf(catalogApi, component)),
  );
  const stages = entity && pipelineStages(entity);
  return entity && stages ? { name: entity.metadata.name, stages } : undefined;
}

async function systemOf(catalogApi: CatalogApi, component: Entity) {
  const system = projectRefOf(component);
  return system ? catalogApi.getEntityByRef(system) : undefined;
}
