import { z } from 'zod';
import { entityRef } from './common';

/**
 * `DeploymentPipeline` (stagecraft.dev/v1alpha1): the ordered environments a release is
 * promoted through. The first stage receives every new release automatically.
 */
export const deploymentPipelineSpecSchema = z.strictObject({
  stages: z
    .array(
      z.strictObject({
        environment: entityRef,
        /** Promotions into this stage wait for an approval. */
        requiresApproval: z.boolean().default(false),
      }),
    )
    .min(1)
    .refine(
      stages => new Set(stages.map(s => s.environment)).size === stages.length,
      {
        message: 'an environment may appear only once in a pipeline',
      },
    ),
});
export type DeploymentPipelineSpec = z.infer<
  typeof deploymentPipelineSpecSchema
>;
