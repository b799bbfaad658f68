import type { PipelineStage } from '@stagecraft/plugin-stagecraft-common';

/**
 * The environments in the order of the pipeline's stages (as `pipelineStages` in
 * stagecraft-common reads them), then any the pipeline does not list in the order given.
 * Without a pipeline the given order stands. Every environment picker uses this, so dev,
 * staging, production never shows up alphabetically as dev, production, staging.
 */
export function inPipelineOrder(
  environments: string[],
  stages: PipelineStage[] | undefined,
): string[] {
  const rank = new Map(stages?.map((stage, i) => [stage.environment, i]));
  const unranked = stages?.length ?? 0;
  return environments
    .map((environment, i) => ({ environment, i }))
    .sort(
      (a, b) =>
        (rank.get(a.environment) ?? unranked) -
          (rank.get(b.environment) ?? unranked) || a.i - b.i,
    )
    .map(({ environment }) => environment);
}
