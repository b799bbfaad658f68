import {
  apiGroupOf,
  COMPONENT_KINDS,
  isAllowedForComponents,
  managedKind,
} from '../managedKinds';
import { describeObject } from './describeObject';
import { DEFAULT_DENY_POLICY } from './namespaceManifests';
import { checkSecurity } from './security/checkSecurity';
import { SecurityScope } from './security/exceptions';
import { shown } from './security/securityContextChecks';
import { Manifest } from './types';

/**
 * The names of the kinds a compiled component may produce ({@link COMPONENT_KINDS}), for
 * checks that see a kind without its apiVersion. Anything else (RBAC, webhooks, CRDs…) is
 * platform territory.
 */
export const ALLOWED_KINDS: ReadonlySet<string> = new Set(
  COMPONENT_KINDS.map(k => k.kind),
);

/** One producer's part of a component's output: the compiler's, a component type's or a trait's. */
export interface ProducerStep {
  /** `the compiler`, `component type "service"`, `trait "autoscaler"`. */
  producer: string;
  /** The component's namespace. */
  namespace: string;
  security: SecurityScope;
  /** What the producer started from: nothing for the compiler, the previous step's output for a template. */
  before: Manifest[];
  /**
   * What it produced: `before` with objects replaced where it changed them and new ones
   * appended, as templates do (patches map, creates append).
   */
  after: Manifest[];
}

/**
 * Re-checks the isolation guarantees on a component's output, whatever produced it (the
 * compiler, a component type, a trait): it stays in its namespace, emits only allowed kinds,
 * each object once, never touches the namespace's default-deny policy, and its pods and
 * objects do not loosen security beyond what the Environment allows (security/checkSecurity.ts).
 *
 * Only what the step created or changed is checked (an object in `after` that is not the very
 * object at the same place in `before`): the rest was checked when it was produced, and every
 * per-object invariant still holds for it. Should a step ever reorder its output, more objects
 * count as changed: more work, never a missed one. Violations the changed objects already had
 * in `before` are not the step's and are left out.
 */
export function checkInvariants(step: ProducerStep): string[] {
  const { producer, namespace, before, after } = step;
  const changed = after.filter((m, i) => m !== before[i]);
  const replaced = before.filter((m, i) => m !== after[i]);
  const violations: string[] = [];
  for (const m of changed) {
    const id = describeObject(m);
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
    ...duplicates(after, changed, producer),
    ...checkSecurity({
      before,
      after,
      replaced,
      changed,
      scope: step.security,
      producer,
    }),
  ];
}

/** The cluster's identity of an object: one object per kind, namespace and name. */
const objectKey = (m: Manifest) =>
  `${m.kind}/${m.metadata?.namespace}/${m.metadata?.name}`;

/**
 * Two objects of one component with the same kind, namespace and name would be one object
 * on the cluster, the last applied winning (a trait listed twice made 3,000 identical
 * HorizontalPodAutoscalers). Reported for the changed objects that share a key with another.
 */
function duplicates(
  after: Manifest[],
  changed: Manifest[],
  producer: string,
): string[] {
  const count = new Map<string, number>();
  for (const m of after)
    count.set(objectKey(m), (count.get(objectKey(m)) ?? 0) + 1);
  const reported = new Set<string>();
  return changed.flatMap(m => {
    const key = objectKey(m);
    if (count.get(key)! < 2 || reported.has(key)) return [];
    reported.add(key);
    return [
      `${producer} emits ${describeObject(
        m,
      )}, which the component already has; each object of a component needs its own kind and name`,
    ];
  });
}

/** Why a component may not produce the object: its kind, or its kind's API group. */
function kindNotAllowed(m: Manifest): string {
  const allowed = managedKind(m.kind);
  if (!allowed?.allowedForComponents)
    return `kind ${shown(m.kind)} is not allowed`;
  const group = apiGroupOf(allowed.apiVersion) || 'core';
  return `kind ${m.kind} of ${shown(
    m.apiVersion,
  )} is not allowed; a component's ${m.kind} is in the ${group} API group (${
    allowed.apiVersion
  })`;
}
