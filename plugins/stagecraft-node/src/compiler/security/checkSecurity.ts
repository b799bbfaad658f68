import { Manifest } from '../types';
import { isAllowed, remedy, SecurityScope } from './exceptions';
import { podSpecsOf } from './podSpecs';
import { Finding, SECURITY_RULES, SecurityRule } from './rules';

/** One rendered field that breaks a security invariant its Environment does not waive. */
interface SecurityViolation {
  /** `Deployment shop-dev/api` */
  object: string;
  rule: SecurityRule;
  finding: Finding;
  /** Identifies the violation across two renderings of the same objects. */
  key: string;
}

function securityViolations(
  manifests: Manifest[],
  scope: SecurityScope,
): SecurityViolation[] {
  const rules = SECURITY_RULES.filter(rule => !isAllowed(rule, scope));
  return manifests.flatMap(m => {
    const object = `${m.kind} ${m.metadata?.namespace ?? ''}/${
      m.metadata?.name
    }`;
    return podSpecsOf(m).flatMap(pod =>
      rules.flatMap(rule => {
        // A pod-level value inherited by several containers is one finding, not one per container.
        const byPath = new Map(rule.findings(pod).map(f => [f.path, f]));
        return [...byPath.values()].map(finding => ({
          object,
          rule,
          finding,
          key: `${object} ${finding.path} ${SECURITY_RULES.indexOf(rule)}`,
        }));
      }),
    );
  });
}

/**
 * The security invariants on rendered objects: every container (app, init, ephemeral) of
 * every pod spec stays unprivileged, non-escalating, without added capabilities, confined,
 * non-root and read-only where the Environment requires it, and off the node's network,
 * processes, IPC, filesystem and ports — unless the Environment grants an exception.
 *
 * Returns the violations `producer` introduced: those in `after` that `before` (its input)
 * did not have. The compiler's own output is checked with `before` empty, and every template
 * step is checked against its input, whose violations were already reported for whoever
 * introduced them (or the step was rejected). So every violation is reported once, naming
 * the type or trait whose output first had it — a trait patching an object the type
 * generated is blamed, not the type — and, as each accepted step is clean, the final output
 * after all patches is too, whatever a later trait re-loosens.
 */
export function checkSecurity(o: {
  before: Manifest[];
  after: Manifest[];
  scope: SecurityScope;
  producer: string;
}): string[] {
  // An object in both lists (the same reference: templates never change objects in place) has
  // the same violations in both, so none of them is new; only changed objects are walked.
  const [before, after] = [new Set(o.before), new Set(o.after)];
  const known = new Set(
    securityViolations(
      o.before.filter(m => !after.has(m)),
      o.scope,
    ).map(v => v.key),
  );
  return securityViolations(
    o.after.filter(m => !before.has(m)),
    o.scope,
  )
    .filter(v => !known.has(v.key))
    .map(
      v =>
        `${o.producer} loosens security in ${v.object}: ${v.finding.path} ${
          v.finding.problem
        }; ${v.rule.risk}. ${remedy(v.rule, o.scope)}`,
    );
}
