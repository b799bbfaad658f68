import { z } from 'zod';

/**
 * `ComponentType` (stagecraft.dev/v1alpha1): what a `Component.spec.type` compiles to. The
 * built-in types are `service`, `web-app`, `worker` and `scheduled-job`.
 */
export const componentTypeSpecSchema = z.strictObject({
  description: z.string().optional(),
  /** The workload controller: a long-running Deployment or a scheduled CronJob. */
  workload: z.enum(['deployment', 'cronjob']),
  /** Whether components of this type may serve endpoints. */
  servesEndpoints: z.boolean().default(true),
  /** JSON Schema of the type's parameters (`Component.spec.deploy.parameters`). */
  parameters: z.record(z.string(), z.unknown()).optional(),
});
export type ComponentTypeSpec = z.infer<typeof componentTypeSpecSchema>;

/**
 * `Trait` (stagecraft.dev/v1alpha1): a platform-authored addition to a component
 * (autoscaler, disruption budget, volume…), with a parameter schema.
 */
export const traitSpecSchema = z.strictObject({
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});
export type TraitSpec = z.infer<typeof traitSpecSchema>;
