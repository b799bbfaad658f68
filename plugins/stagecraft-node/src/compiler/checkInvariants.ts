import { DEFAULT_DENY_POLICY } from './namespaceManifests';
import { checkSecurity } from './security/checkSecurity';
import { SecurityScope } from './security/exceptions';
import { Manifest } from './types';

/** Kinds a compiled component may produce. Anything else (RBAC, webhooks, CRDs…) is platform territory. */
export const ALLOWED_KINDS = new Set([
  'ServiceAccount',
  'ConfigMap',
  'Service',
  'Deployment',
  'CronJob',
  'NetworkPolicy',
  'HTTPRoute',
  'Ingress',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'PersistentVolumeClaim',
]);

/**
 * Re-checks the isolation guarantees on a component's output, whatever produced it (the
 * compiler, a component type, a trait): it stays in its namespace, emits only allowed kinds,
 * never touches the namespace's default-deny policy, and its pods do not loosen security
 * beyond what the Environment allows (security/checkSecurity.ts). Security violations
 * already in `security.before`, the producer's input, are not the producer's and are left
 * out.
 */
export function checkInvariants(
  manifests: Manifest[],
  namespace: string,
  producer: string,
  security: { scope: SecurityScope; before: Manifest[] },
): string[] {
  const violations: string[] = [];
  for (const m of manifests) {
    const id = `${m.kind} ${m.metadata?.namespace ?? ''}/${m.metadata?.name}`;
    if (!ALLOWED_KINDS.has(m.kind))
      violations.push(`${producer} emits ${id}: kind ${m.kind} is not allowed`);
    if (m.metadata?.namespace !== namespace)
      violations.push(
        `${producer} emits ${id} outside its namespace ${namespace}`,
      );
    if (
      m.kind === 'NetworkPolicy' &&
      m.metadata?.name === DEFAULT_DENY_POLICY
    ) {
      violations.push(
        `${producer} overrides the isolation policy ${DEFAULT_DENY_POLICY}`,
      );
    }
  }
  return [
    ...violations,
    ...checkSecurity({ ...security, after: manifests, producer }),
  ];
}
