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
  /**
   * Volume types outside the Pod Security Standard "restricted" set (nfs, iscsi, gitRepo,
   * flexVolume, cephfs…; not hostPath, which has its own): the node mounts them straight from
   * the pod spec. Allowed without it: configMap, secret, projected, downwardAPI, emptyDir,
   * persistentVolumeClaim, ephemeral, csi. Also a claim's `spec.volumeName`, which binds a
   * PersistentVolume made beforehand rather than one provisioned for the claim.
   */
  'nodeVolumes',
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

/** A label name or value: at most 63 alphanumerics, `-`, `_`, `.`, alphanumeric at both ends. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** A label key: an optional DNS subdomain prefix (at most 253) and `/`, then a name. */
const isLabelKey = (key: string) => {
  const slash = key.lastIndexOf('/');
  const prefix = key.slice(0, Math.max(slash, 0));
  return (
    LABEL_NAME.test(key.slice(slash + 1)) &&
    (slash < 0 ||
      (prefix.length <= 253 &&
        /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(
          prefix,
        )))
  );
};

/** Labels become a NetworkPolicy selector: Kubernetes' syntax, and at least one of them. */
function checkLabels(labels: Record<string, string>, ctx: z.RefinementCtx) {
  if (Object.keys(labels).length === 0)
    ctx.addIssue({ code: 'custom', message: 'must name at least one label' });
  for (const [key, value] of Object.entries(labels)) {
    if (!isLabelKey(key))
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message:
          'is not a Kubernetes label key: an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" or "."',
      });
    else if (value !== '' && !LABEL_NAME.test(value))
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message:
          'has no valid Kubernetes label value: at most 63 letters, digits, "-", "_" or "."',
      });
  }
}

/** Selects one gateway's proxy pods for NetworkPolicy: a namespace and pod labels. */
export const gatewayPodsSchema = z.strictObject({
  /** Namespace the proxies run in; defaults to the gateway `namespace`. */
  namespace: dnsLabel.optional(),
  /** Labels the proxy pods carry (at least one, so the two gateways can be told apart). */
  labels: z.record(z.string(), z.string()).superRefine(checkLabels),
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
 * A public proxy carries every public label; if those include all the internal ones in the
 * same namespace, it matches the internal selector too and reaches organization endpoints.
 */
function refuseOverlappingGatewayPods(
  gateway: EnvironmentGateway,
  ctx: z.RefinementCtx,
) {
  const namespace = (pods: GatewayPods) => pods.namespace ?? gateway.namespace;
  const internal = Object.entries(gateway.internalPods.labels);
  if (
    internal.length > 0 && // none is reported by checkLabels
    namespace(gateway.internalPods) === namespace(gateway.publicPods) &&
    internal.every(([key, value]) => gateway.publicPods.labels[key] === value)
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['publicPods'],
      message:
        "the public gateway's pods would also match internalPods (same namespace, and every internal label is among the public ones), so they would reach organization endpoints; give the internal pods a label the public ones lack, or another namespace",
    });
  }
}

/**
 * `Environment` (stagecraft.dev/v1alpha1): where components run, on which data-plane target,
 * under which policy.
 */
export const environmentSpecSchema = z.strictObject({
  /** A data-plane target from `stagecraft.targets` in app-config. */
  target: dnsLabel,
  production: z.boolean().default(false),
  gateway: environmentGatewaySchema.superRefine(refuseOverlappingGatewayPods),
  policy: environmentPolicySchema.default(environmentPolicySchema.parse({})),
});
export type EnvironmentSpec = z.infer<typeof environmentSpecSchema>;
