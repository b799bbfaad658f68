import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
import type { PipelineContext } from './usePipeline';

/** One environment of the Deploy tab: a pipeline stage, a deployment, or both. */
export interface EnvironmentStage {
  environment: string;
  /** Absent for a pipeline stage the component has not reached yet. */
  deployment?: DeploymentStatus;
  production: boolean;
  requiresApproval: boolean;
  /**
   * The pipeline was read and this environment is not one of its stages (or the component
   * follows none): the backend deploys nothing there, rollbacks included. False when the
   * pipeline could not be read, as nothing is known then.
   */
  outsidePipeline: boolean;
  /** Where a promotion from here goes; absent on the last stage or without a pipeline. */
  next?: {
    environment: string;
    production: boolean;
    requiresApproval: boolean;
  };
}

/**
 * The environments in pipeline order, each with its deployment. Deployments to environments
 * outside the pipeline follow, in the order the API returned them; without a pipeline that
 * order is all there is.
 */
export function environmentStages(
  deployments: DeploymentStatus[],
  context: PipelineContext | undefined,
): EnvironmentStage[] {
  const production = context?.productionEnvironments ?? new Set<string>();
  // Gated by any pipeline, not only the component's own: the backend asks for an approval.
  const gated = (stage: { environment: string; requiresApproval?: boolean }) =>
    Boolean(stage.requiresApproval) ||
    (context?.gatedEnvironments.has(stage.environment) ?? false);
  const stages = context?.pipeline?.stages ?? [];
  const byEnvironment = new Map(deployments.map(d => [d.environment, d]));
  const inPipeline = stages.map((stage, i) => {
    const next = stages[i + 1];
    return {
      environment: stage.environment,
      deployment: byEnvironment.get(stage.environment),
      production: production.has(stage.environment),
      requiresApproval: gated(stage),
      outsidePipeline: false,
      next: next && {
        environment: next.environment,
        production: production.has(next.environment),
        requiresApproval: gated(next),
      },
    };
  });
  const staged = new Set(stages.map(s => s.environment));
  const outside = deployments
    .filter(d => !staged.has(d.environment))
    .map(deployment => ({
      environment: deployment.environment,
      deployment,
      production: production.has(deployment.environment),
      requiresApproval: gated(deployment),
      outsidePipeline: context !== undefined,
    }));
  return [...inPipeline, ...outside];
}
