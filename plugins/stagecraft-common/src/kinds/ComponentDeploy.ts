import { z } from 'zod';
import { dnsLabel, entityRef, envName, resources } from './common';

/** A secret *reference*: Stagecraft never holds secret values. */
const secretRef = z.strictObject({
  secret: dnsLabel,
  key: z.string().min(1).max(253),
});

/** The parts of the deploy intent an environment may override. */
const overridable = {
  image: z
    .string()
    .min(1)
    .regex(/^[^\s]+$/, 'must not contain spaces')
    .optional(),
  replicas: z.number().int().min(0).optional(),
  env: z.record(envName, z.string()).optional(),
  secretEnv: z.record(envName, secretRef).optional(),
  resources: resources.optional(),
};

/** What an environment (or a deployment) may override of a component's intent. */
export const componentOverrideSchema = z.strictObject(overridable);
export type ComponentOverride = z.infer<typeof componentOverrideSchema>;

/**
 * The deploy intent on a `Component`: `spec.deploy`. Validated by the Stagecraft catalog
 * processor; compiled per environment.
 */
export const componentDeploySchema = z.strictObject({
  ...overridable,
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  /** Parameters of the component type, validated against its parameter schema. */
  parameters: z.record(z.string(), z.unknown()).optional(),
  /** Cron schedule, for `scheduled-job` components. */
  schedule: z.string().min(9).optional(),
  /** Per-dependency settings, keyed by endpoint reference as written in `spec.dependsOn`. */
  connections: z
    .record(entityRef, z.strictObject({ envPrefix: envName }))
    .optional(),
  /**
   * Traits, applied in order after the type: at most 20, each named once. A trait sees only
   * the component and its parameters, so a second copy renders the same objects again (a
   * collision) or merges into the same fields (the last one wins); a trait meant to add
   * several things takes a list parameter. The cap bounds a compile's work: the invariants
   * are re-checked after every trait.
   */
  traits: z
    .array(
      z.strictObject({
        name: dnsLabel,
        parameters: z.record(z.string(), z.unknown()).default({}),
      }),
    )
    .max(20, 'a component takes at most 20 traits')
    .superRefine((traits, ctx) =>
      traits.forEach((trait, i) => {
        if (traits.findIndex(t => t.name === trait.name) < i)
          ctx.addIssue({
            code: 'custom',
            path: [i, 'name'],
            message: `trait "${trait.name}" is listed more than once; list each trait once (a trait that adds several things takes a list parameter)`,
          });
      }),
    )
    .optional(),
  /** Overrides per environment name. */
  environments: z.record(dnsLabel, componentOverrideSchema).optional(),
});
export type ComponentDeploy = z.infer<typeof componentDeploySchema>;
