import { DEFAULT_DENY_POLICY } from './namespaceManifests';
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
 * Re-checks the isolation guarantees on a component's finished output, whatever produced it
 * (built-in types today, platform templates tomorrow): it stays in its namespace, emits only
 * allowed kinds, and never touches the namespace's default-deny policy.
 */
export function checkInvariants(
  manifests: Manifest[],
  namespace: string,
  producer: string,
): string[] {
  const violations: string[] = [];
  for (const m of manifests) {
    const id = `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`;
    if (!ALLOWED_KINDS.has(m.kind))
      violations.push(`${producer} emits ${id}: kind ${m.kind} is not allowed`);
    if (m.metadata.namespace !== namespace)
      violations.push(
        `${producer} emits ${id} outside its namespace ${namespace}`,
      );
    if (m.kind === 'NetworkPolicy' && m.metadata.name === DEFAULT_DENY_POLICY) {
      violations.push(
        `${producer} overrides the isolation policy ${DEFAULT_DENY_POLICY}`,
      );
    }
  }
  return violations;
}
