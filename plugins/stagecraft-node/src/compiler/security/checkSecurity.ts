import { describeObject } from '../describeObject';
import { Manifest } from '../types';
import { isAllowed, remedy, SecurityScope } from './exceptions';
import { IDENTITY_RULE } from './identityLabels';
import { podSpecsOf } from './podSpecs';
import { OwnObjects, ownObjects, OWN_REFERENCE_RULES } from './ownReferences';
import { Finding, ObjectRule, SECURITY_RULES, SecurityRule } from './rules';
import { ROUTE_BACKEND_RULE, ROUTE_GATEWAY_RULE } from './routeRules';
import { SERVICE_RULES } from './serviceRules';

/** Invariants of an object as a whole, beside those of each of its pods. */
const OBJECT_RULES: ObjectRule[] = [
  IDENTITY_RULE,
  ...SERVICE_RULES,
  ...OWN_REFERENCE_RULES,
  ROUTE_BACKEND_RULE,
  ROUTE_GATEWAY_RULE,
];
const ALL_RULES: (SecurityRule | ObjectRule)[] = [
  ...SECURITY_RULES,
  ...OBJECT_RULES,
];
const EVERY_RULE = { pod: SECURITY_RULES, object: OBJECT_RULES };
/** What an object refers to by name can break when another object is renamed. */
const REFERENCES = {
  pod: [],
  object: [...OWN_REFERENCE_RULES, ROUTE_BACKEND_RULE],
};

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
  rules: { pod: SecurityRule[]; object: ObjectRule[] },
  scope: SecurityScope,
  own: OwnObjects,
): SecurityViolation[] {
  const podRules = rules.pod.filter(rule => !isAllowed(rule, scope));
  const objectRules = rules.object.filter(rule => !isAllowed(rule, scope));
  return manifests.flatMap(m => {
    const id = `${m.kind}/${m.metadata?.namespace}/${m.metadata?.name}`;
    const pods = podSpecsOf(m);
    const found: { rule: SecurityRule | ObjectRule; findings: Finding[] }[] = [
      ...pods.flatMap(pod =>
        podRules.map(rule => ({ rule, findings: rule.findings(pod) })),
      ),
      ...objectRules.map(rule => ({
        rule,
        findings: rule.findings(m, pods, scope.identity, own, scope.routing),
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
 * ClusterIP one whose ports map endpoints' ports to their own container ports
 * (security/serviceRules.ts), what its objects scale, clone and mount by
 * name is its own (security/ownReferences.ts), and its routes reach only its own Services
 * through the gateways that carry their endpoints (security/routeRules.ts), which nothing waives.
 *
 * Returns the violations `producer` introduced in the objects it created or changed
 * (`changed`): those the same objects did not have before it ran (`replaced`, its input's
 * versions of them). The rest of its output is its input unchanged, already checked: the
 * compiler's own output is checked whole (nothing replaced), and every template step against
 * its input, whose violations were reported for whoever introduced them (or the step was
 * rejected). So every violation is reported once, naming the type or trait whose output first
 * had it — a trait patching an object the type generated is blamed, not the type — and, as
 * each accepted step is clean, the final output after all patches is too.
 *
 * References are checked against the component's objects after the step (`after`), and on
 * the whole output when the step renamed one of them: renaming a claim a pod already mounts
 * leaves that unchanged pod naming whatever now holds the old name, perhaps a sibling's.
 */
export function checkSecurity(o: {
  before: Manifest[];
  after: Manifest[];
  replaced: Manifest[];
  changed: Manifest[];
  scope: SecurityScope;
  producer: string;
}): string[] {
  const ownBefore = ownObjects(o.before);
  const ownAfter = ownObjects(o.after);
  // Unless the step renamed an object, what resolved to an own object still does, and only
  // the changed objects need a look; else the references of the unchanged ones too.
  const renamed = !ownAfter.keeps(ownBefore);
  const violations = (
    changed: Manifest[],
    all: Manifest[],
    own: OwnObjects,
  ) => [
    ...securityViolations(changed, EVERY_RULE, o.scope, own),
    ...(renamed
      ? securityViolations(
          all.filter(m => !changed.includes(m)),
          REFERENCES,
          o.scope,
          own,
        )
      : []),
  ];
  const known = new Set(
    violations(o.replaced, o.before, ownBefore).map(v => v.key),
  );
  return violations(o.changed, o.after, ownAfter)
    .filter(v => !known.has(v.key))
    .map(
      v =>
        `${o.producer} loosens security in ${v.object}: ${v.finding.path} ${
          v.finding.problem
        }; ${v.rule.risk}. ${remedy(v.rule, o.scope)}`,
    );
}
