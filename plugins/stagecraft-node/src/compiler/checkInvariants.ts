import {
  apiGroupOf,
  COMPONENT_KINDS,
  isAllowedForComponents,
  managedKind,
} from '../managedKinds';
import { DEFAULT_DENY_POLICY } from './namespaceManifests';
import { checkSecurity } from './security/checkSecurity';
import { SecurityScope } from './security/exceptions';
import { Manifest } from './types';

/**
 * The names of the kinds a compiled component may produce ({@link COMPONENT_KINDS}), for
 * checks that see a kind without its apiVersion. Anything else (RBAC, webhooks, CRDs…) is
 * platform territory.
 */
export const ALLOWED_KINDS: ReadonlySet<string> = new Set(
  COMPONENT_KINDS.map(k => k.kind),
);

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
    if (!isAllowedForComponents(m))
      violations.push(`${producer} emits ${id}: ${kindNotAllowed(m)}`);
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

/** Why a component may not produce the object: its kind, or its kind's API group. */
function kindNotAllowed(m: Manifest): string {
  const allowed = managedKind(m.kind);
  if (!allowed?.allowedForComponents) return `kind ${m.kind} is not allowed`;
  const group = apiGroupOf(allowed.apiVersion) || 'core';
  return `kind ${m.kind} of ${m.apiVersion} is not allowed; a component's ${m.kind} is in the ${group} API group (${allowed.apiVersion})`;
}
