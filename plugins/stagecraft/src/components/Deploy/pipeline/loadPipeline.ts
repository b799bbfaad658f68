import { Entity, parseEntityRef } from '@backstage/catalog-model';
import type { CatalogApi } from '@backstage/plugin-catalog-react';
import {
  deploymentPipelineSpecSchema,
  PIPELINE_ANNOTATION,
} from '@stagecraft/plugin-stagecraft-common';

/** A pipeline stage as the Deploy tab uses it: an environment name, in promotion order. */
export interface PipelineStage {
  environment: string;
  /** Promotions into this stage wait for an approval. */
  requiresApproval: boolean;
}

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
  const namespace = component.metadata.namespace ?? 'default';
  const named =
    component.metadata.annotations?.[PIPELINE_ANNOTATION] ??
    (await systemOf(catalogApi, component))?.metadata.annotations?.[
      PIPELINE_ANNOTATION
    ] ??
    'default';
  const ref = parseEntityRef(named, {
    defaultKind: 'DeploymentPipeline',
    defaultNamespace: namespace,
  });
  const entity = await catalogApi.getEntityByRef(ref);
  const spec = deploymentPipelineSpecSchema.safeParse(entity?.spec);
  if (!entity || !spec.success) return undefined;
  return {
    name: entity.metadata.name,
    stages: spec.data.stages.map(stage => ({
      environment: parseEntityRef(stage.environment, {
        defaultKind: 'Environment',
        defaultNamespace: namespace,
      }).name,
      requiresApproval: stage.requiresApproval,
    })),
  };
}

async function systemOf(catalogApi: CatalogApi, component: Entity) {
  const system = component.spec?.system;
  if (typeof system !== 'string') return undefined;
  return catalogApi.getEntityByRef(
    parseEntityRef(system, {
      defaultKind: 'System',
      defaultNamespace: component.metadata.namespace ?? 'default',
    }),
  );
}
