import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import { PIPELINE_ANNOTATION } from './constants';
import { deploymentPipelineSpecSchema } from './kinds';

/**
 * One stage of a pipeline: an environment name, in promotion order.
 *
 * @public
 */
export interface PipelineStage {
  environment: string;
  /** Promotions into this stage wait for an approval. */
  requiresApproval: boolean;
}

/**
 * Which `DeploymentPipeline` a component's releases follow: the one its annotation names, else
 * its system's, else the one named `default`, in the component's namespace. The control plane
 * and the portal both resolve it with this function, so they always agree.
 *
 * @public
 */
export function pipelineRefFor(
  component: Entity,
  system?: Entity,
): CompoundEntityRef {
  const named =
    component.metadata.annotations?.[PIPELINE_ANNOTATION] ??
    system?.metadata.annotations?.[PIPELINE_ANNOTATION] ??
    'default';
  return parseEntityRef(named, {
    defaultKind: 'DeploymentPipeline',
    defaultNamespace: component.metadata.namespace ?? 'default',
  });
}

/**
 * The stages of a `DeploymentPipeline` entity, or undefined when its spec is invalid.
 * Environment refs are reduced to names (environments are looked up by name).
 *
 * @public
 */
export function pipelineStages(pipeline: Entity): PipelineStage[] | undefined {
  const spec = deploymentPipelineSpecSchema.safeParse(pipeline.spec);
  if (!spec.success) return undefined;
  return spec.data.stages.map(stage => ({
    environment: parseEntityRef(stage.environment, {
      defaultKind: 'Environment',
      defaultNamespace: pipeline.metadata.namespace ?? 'default',
    }).name,
    requiresApproval: stage.requiresApproval,
  }));
}
