import { z } from 'zod';
import { dnsLabel, quantity } from './common';

export const podSecurityLevelSchema = z.enum([
  'privileged',
  'baseline',
  'restricted',
]);

/** Guardrails an environment enforces at compile time. */
export const environmentPolicySchema = z.strictObject({
  /** Pod Security Admission level enforced on the environment's namespaces. */
  podSecurity: podSecurityLevelSchema.default('restricted'),
  /** Require requests and limits; components without them get `defaultResources` or an error. */
  requireResources: z.boolean().default(true),
  defaultResources: z
    .strictObject({
      requests: z.strictObject({ cpu: quantity, memory: quantity }),
      limits: z.strictObject({ cpu: quantity.optional(), memory: quantity }),
    })
    .optional(),
  replicas: z
    .strictObject({
      min: z.number().int().min(0).default(1),
      max: z.number().int().min(1).default(20),
    })
    .default({ min: 1, max: 20 }),
  runAsNonRoot: z.boolean().default(true),
  readOnlyRootFilesystem: z.boolean().default(true),
  /** Image registries (host, or host/path prefix) images must come from; empty allows any. */
  allowedRegistries: z.array(z.string().min(1)).default([]),
});
export type EnvironmentPolicy = z.infer<typeof environmentPolicySchema>;

/** How endpoints are exposed through gateways in an environment. */
export const environmentGatewaySchema = z.strictObject({
  /** Gateway API `HTTPRoute`s (default) or plain `Ingress` objects where Gateway API is absent. */
  exposure: z.enum(['gateway-api', 'ingress']).default('gateway-api'),
  /** Host of the internal gateway (organization and public endpoints). */
  internalHost: z.string().min(1),
  /** Host of the public gateway (public endpoints). */
  publicHost: z.string().min(1).optional(),
  /** Gateway API: the internal and public Gateways, as namespace/name. */
  internalGateway: z
    .string()
    .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/)
    .default('stagecraft-system/internal'),
  publicGateway: z
    .string()
    .regex(/^[a-z0-9-]+\/[a-z0-9-]+$/)
    .default('stagecraft-system/public'),
  /** Ingress: the classes for internal and public exposure. */
  internalIngressClass: z.string().default('internal'),
  publicIngressClass: z.string().default('public'),
  /** Namespace the gateways' proxies run in: NetworkPolicies admit traffic from it. */
  namespace: dnsLabel.default('stagecraft-system'),
});
export type EnvironmentGateway = z.infer<typeof environmentGatewaySchema>;

/**
 * `Environment` (stagecraft.dev/v1alpha1): where components run, on which data-plane target,
 * under which policy.
 */
export const environmentSpecSchema = z.strictObject({
  /** A data-plane target from `stagecraft.targets` in app-config. */
  target: dnsLabel,
  production: z.boolean().default(false),
  gateway: environmentGatewaySchema,
  policy: environmentPolicySchema.default(environmentPolicySchema.parse({})),
});
export type EnvironmentSpec = z.infer<typeof environmentSpecSchema>;
