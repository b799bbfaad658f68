import { z } from 'zod';
import { dnsLabel, entityRef, quantity } from './common';

export const podSecurityLevelSchema = z.enum([
  'privileged',
  'baseline',
  'restricted',
]);

/** A pod security setting that the invariants forbid unless an Environment grants it. */
export const securityPrivilegeSchema = z.enum([
  'privileged',
  'allowPrivilegeEscalation',
  'addedCapabilities',
  'runAsRoot',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'hostPath',
  'hostPort',
]);
export type SecurityPrivilege = z.infer<typeof securityPrivilegeSchema>;

/** One exception: which components (all when omitted) may use which privileges, and why. */
export const securityExceptionSchema = z.strictObject({
  /** Component entity refs (`component:default/name` or `name`); omitted means every component. */
  components: z.array(entityRef).min(1).optional(),
  allow: z.array(securityPrivilegeSchema).min(1),
  /** Why the platform team grants it; shown in compile errors and docs. */
  reason: z.string().min(1),
});
export type SecurityException = z.infer<typeof securityExceptionSchema>;

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
  /**
   * Exceptions to the pod security invariants, granted by the platform team on the
   * Environment (never by a trait or component type). Empty by default: no workload may
   * run privileged, escalate, add capabilities, run as root or use host namespaces or paths.
   */
  securityExceptions: z.array(securityExceptionSchema).default([]),
});
export type EnvironmentPolicy = z.infer<typeof environmentPolicySchema>;

/** Selects one gateway's proxy pods for NetworkPolicy: a namespace and pod labels. */
export const gatewayPodsSchema = z.strictObject({
  /** Namespace the proxies run in; defaults to the gateway `namespace`. */
  namespace: dnsLabel.optional(),
  /** Labels the proxy pods carry (at least one, so the two gateways can be told apart). */
  labels: z
    .record(z.string().min(1).max(317), z.string().max(63))
    .refine(l => Object.keys(l).length > 0, 'must name at least one label'),
});
export type GatewayPods = z.infer<typeof gatewayPodsSchema>;

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
  /**
   * The internal gateway's proxy pods. `organization` endpoints admit only these; `public`
   * endpoints admit these and the public gateway's. The namespace defaults to `namespace`.
   */
  internalPods: gatewayPodsSchema.default({
    labels: { 'stagecraft.dev/gateway': 'internal' },
  }),
  /** The public gateway's proxy pods; admitted only by `public` endpoints. */
  publicPods: gatewayPodsSchema.default({
    labels: { 'stagecraft.dev/gateway': 'public' },
  }),
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
