import { z } from 'zod';

/**
 * Template parts shared by component types and traits. String values in `template` and
 * `merge` may contain CEL expressions `${…}`: a string that is exactly one expression takes
 * the expression's value (a number, list or map as well as a string); otherwise the results
 * are interpolated. Expressions see `component` (name, project, environment, namespace,
 * replicas, image, labels, selector) and `parameters` (validated against `parameters`).
 */
const cel = z
  .string()
  .regex(/^\$\{[\s\S]+\}$/, 'must be one CEL expression: ${…}');

/** A resource the template creates, in the component's namespace. */
export const templateCreateSchema = z.strictObject({
  id: z.string().min(1),
  /** Create only when this CEL expression is true. */
  includeWhen: cel.optional(),
  template: z.record(z.string(), z.unknown()),
});

/** A deep merge into generated resources of a kind (optionally one name). */
export const templatePatchSchema = z.strictObject({
  target: z.strictObject({
    kind: z.string().min(1),
    name: z.string().optional(),
  }),
  includeWhen: cel.optional(),
  merge: z.record(z.string(), z.unknown()),
});

const templateParts = {
  /** JSON Schema of the parameters; defaults in it are applied. */
  parameters: z.record(z.string(), z.unknown()).optional(),
  creates: z.array(templateCreateSchema).default([]),
  patches: z.array(templatePatchSchema).default([]),
};

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
  ...templateParts,
});
export type ComponentTypeSpec = z.infer<typeof componentTypeSpecSchema>;

/**
 * `Trait` (stagecraft.dev/v1alpha1): a platform-authored addition to a component
 * (autoscaler, disruption budget, volume…), with a parameter schema.
 */
export const traitSpecSchema = z.strictObject({
  description: z.string().optional(),
  ...templateParts,
});
export type TraitSpec = z.infer<typeof traitSpecSchema>;

/** The template parts of a component type or trait. */
export type TemplateSpec = Pick<
  TraitSpec,
  'parameters' | 'creates' | 'patches'
>;
