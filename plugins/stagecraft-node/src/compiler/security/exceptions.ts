import {
  EnvironmentEntity,
  EnvironmentPolicy,
  resolveEntityRef,
  SecurityException,
  SecurityPrivilege,
} from '@stagecraft/plugin-stagecraft-common';
import type { ComponentIdentity } from './identityLabels';
import type { ComponentRouting } from './routeRules';
import { RuleBase } from './rules';

/**
 * Whose output is checked, and what its Environment allows. Only the Environment (the
 * platform team) grants anything here; nothing a trait or component type renders can.
 */
export interface SecurityScope {
  /** The component being compiled, as `component:namespace/name`. */
  componentRef: string;
  environment: string;
  /** Who the component is: the labels its objects and pods must carry. */
  identity: ComponentIdentity;
  /** Where its routes may attach and what each gateway may reach (security/routeRules.ts). */
  routing: ComponentRouting;
  policy: Pick<
    EnvironmentPolicy,
    'runAsNonRoot' | 'readOnlyRootFilesystem' | 'securityExceptions'
  >;
}

export function securityScope(
  environment: EnvironmentEntity,
  componentRef: string,
  identity: ComponentIdentity,
  routing: ComponentRouting,
): SecurityScope {
  return {
    componentRef,
    environment: environment.metadata.name,
    identity,
    routing,
    policy: environment.spec.policy,
  };
}

const sameRef = (written: string, componentRef: string) =>
  resolveEntityRef(written, 'Component').toLocaleLowerCase('en-US') ===
  componentRef.toLocaleLowerCase('en-US');

const covers = (exception: SecurityException, componentRef: string) =>
  !exception.components ||
  exception.components.some(ref => sameRef(ref, componentRef));

const grantsOf = (scope: SecurityScope, privilege: SecurityPrivilege) =>
  scope.policy.securityExceptions.filter(e => e.allow.includes(privilege));

/** Whether the Environment allows what the rule forbids, for this component. */
export function isAllowed(rule: RuleBase, scope: SecurityScope): boolean {
  if (rule.policySwitch && scope.policy[rule.policySwitch] === false)
    return true;
  return (
    !!rule.privilege &&
    grantsOf(scope, rule.privilege).some(e => covers(e, scope.componentRef))
  );
}

/** What the platform team would have to declare to allow it, for the error message. */
export function remedy(rule: RuleBase, scope: SecurityScope): string {
  const where = `Environment "${scope.environment}"`;
  if (!rule.privilege && !rule.policySwitch) {
    return `No exception allows it, not even on ${where}`;
  }
  if (!rule.privilege) {
    return `Only ${where} can relax this, for all its components, with spec.policy.${rule.policySwitch}: false`;
  }
  const others = grantsOf(scope, rule.privilege).flatMap(
    e => e.components ?? [],
  );
  const needed = `Only ${where} can allow it, with spec.policy.securityExceptions: [{ components: [${scope.componentRef}], allow: [${rule.privilege}], reason: … }]`;
  return others.length > 0
    ? `${needed} (its exception for ${rule.privilege} covers ${others.join(
        ', ',
      )} only)`
    : needed;
}
