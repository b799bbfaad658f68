import { describeObject } from '../describeObject';
import { Manifest } from '../types';
import { isAllowed, remedy, SecurityScope } from './exceptions';
import { IDENTITY_RULE } from './identityLabels';
import { podSpecsOf } from './podSpecs';
import { Finding, ObjectRule, SECURITY_RULES, SecurityRule } from './rules';
import { SERVICE_RULES } from './serviceRules';

/** Invariants of an object as a whole, beside those of each of its pods. */
const OBJECT_RULES: ObjectRule[] = [IDENTITY_RULE, ...SERVICE_RULES];
const ALL_RULES: (SecurityRule | ObjectRule)[] = [
  ...SECURITY_RULES,
  ...OBJECT_RULES,
];

/** One rendered field that breaks a security invariant its Environment does not waive. */
interface SecurityViolation {
  /** `Deployment shop-dev/api` */
  object: string;
  rule: SecurityRule | ObjectRule;
  finding: Finding;
  /** Identifies the violation across two renderings of the same objects. */
  key: string;
}

function securityViolations(
  manifests: Manifest[],
  scope: SecurityScope,
): SecurityViolation[] {
  const podRules = SECURITY_RULES.filter(rule => !isAllowed(rule, scope));
  const objectRules = OBJECT_RULES.filter(rule => !isAllowed(rule, scope));
  return manifests.flatMap(m => {
    const id = `${m.kind}/${m.metadata?.namespace}/${m.metadata?.name}`;
    const pods = podSpecsOf(m);
    const found: { rule: SecurityRule | ObjectRule; findings: Finding[] }[] = [
      ...pods.flatMap(pod =>
        podRules.map(rule => ({ rule, findings: rule.findings(pod) })),
      ),
      ...objectRules.map(rule => ({
        rule,
        findings: rule.findings(m, pods, scope.identity),
      })),
    ];
    // A pod-level value inherited by several containers is one finding, not one per container.
    const byKey = new Map<string, SecurityViolation>();
    for (const { rule, findings } of found) {
      for (const finding of findings) {
        const key = `${id} ${finding.path} ${ALL_RULES.indexOf(rule)}`;
        if (!byKey.has(key))
          byKey.set(key, { object: describeObject(m), rule, finding, key });
      }
    }
    return [...byKey.values()];
  });
}

/**
 * The security invariants on rendered objects: every container (app, init, ephemeral) of
 * every pod spec stays unprivileged, non-escalating, without added capabilities, confined,
 * non-root and read-only where the Environment requires it, off the node's network,
 * processes, IPC, filesystem and ports, and with the Pod Security "restricted" volume types
 * only — unless the Environment grants an exception; every object and pod keeps the
 * component's identity labels (security/identityLabels.ts) and every Service stays a
 * ClusterIP one (security/serviceRules.ts), which nothing waives.
 *
 * Returns the violations `producer` introduced in the objects it created or changed
 * (`changed`): those the same objects did not have before it ran (`replaced`, its input's
 * versions of them). The rest of its output is its input unchanged, already checked: the
 * compiler's own output is checked whole (nothing replaced), and every template step against
 * its input, whose violations were reported for whoever introduced them (or the step was
 * rejected). So every violation is reported once, naming the type or trait whose output first
 * had it — a trait patching an object the type generated is blamed, not the type — and, as
 * each accepted step is clean, the final output after all patches is too.
 */
export function checkSecurity(o: {
  replaced: Manifest[];
  changed: Manifest[];
  scope: SecurityScope;
  producer: string;
}): string[] {
  const known = new Set(
    securityViolations(o.replaced, o.scope).map(v => v.key),
  );
  return securityViolations(o.changed, o.scope)
    .filter(v => !known.has(v.key))
    .map(
      v =>
        `${o.producer} loosens security in ${v.object}: ${v.finding.path} ${
          v.finding.problem
        }; ${v.rule.risk}. ${remedy(v.rule, o.scope)}`,
    );
}
