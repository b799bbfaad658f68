import { z } from 'zod';

/** A DNS-1123 label, as Kubernetes requires of names used in generated objects. */
export const dnsLabel = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    'must be a DNS-1123 label: lower case letters, digits and "-"',
  )
  .max(63);

/** An entity reference as written in catalog files (`kind:namespace/name`, parts optional). */
export const entityRef = z
  .string()
  .min(1)
  .regex(
    /^([a-zA-Z][\w-]*:)?([\w.-]+\/)?[\w.-]+$/,
    'must be an entity reference',
  );

/** A Kubernetes resource quantity such as `250m`, `1`, `512Mi`. */
export const quantity = z
  .string()
  .regex(
    /^[0-9]+(\.[0-9]+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/,
    'must be a Kubernetes quantity such as 250m or 512Mi',
  );

export const resourceList = z.strictObject({
  cpu: quantity.optional(),
  memory: quantity.optional(),
});

export const resources = z.strictObject({
  requests: resourceList.optional(),
  limits: resourceList.optional(),
});

/** An environment variable name, as the container runtime accepts it. */
export const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name');
