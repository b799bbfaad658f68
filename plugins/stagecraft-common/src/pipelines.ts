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
 * The annotation is the component owner's to write, so the pipeline decides only the order of
 * stages, never how protected a stage is: see {@link approvalGatedEnvironments}.
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

/**
 * The environments a catalog approval-gates: every Environment flagged `spec.production: true`
 * and every stage with `requiresApproval` in ANY DeploymentPipeline. Strictest wins: which
 * pipeline a component follows is its owner's choice (the annotation), so picking a pipeline
 * can add a gate but never take one away — a pipeline that lists production without
 * `requiresApproval`, or starts with it, does not open production.
 *
 * @public
 */
export function approvalGatedEnvironments(
  entities: Iterable<Entity>,
): Set<string> {
  const gated = new Set<string>();
  for (const entity of entities) {
    const kind = entity.kind.toLocaleLowerCase('en-US');
    if (
      kind === 'environment' &&
      (entity.spec as { production?: unknown } | undefined)?.production === true
    )
      gated.add(entity.metadata.name);
    if (kind === 'deploymentpipeline')
      for (const stage of pipelineStages(entity) ?? [])
        if (stage.requiresApproval) gated.add(stage.environment);
  }
  return gated;
}
