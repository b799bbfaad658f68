import type {
  Finding,
  FindingEvidence,
} from '@stagecraft/plugin-stagecraft-common';
import type { DiagnosisEvidence, DiagnosisRule } from '../types';

const UNHEALTHY = new Set(['degraded', 'failed']);

/**
 * Providers the component depends on that do not run in this environment, with what shows it:
 * the compiler's pending connections, and providers whose deployment is missing or undeployed
 * (known before the consumer's next reconcile records the pending connection).
 */
function providersNotDeployed(evidence: DiagnosisEvidence) {
  const missing = new Map<string, FindingEvidence>();
  for (const p of evidence.status.pendingConnections)
    missing.set(p.providerRef, { kind: 'status', text: p.message });
  for (const p of evidence.dependencies.providers) {
    if (missing.has(p.providerRef) || p.unreadable) continue;
    if (!p.status)
      missing.set(p.providerRef, {
        kind: 'status',
        text: `${p.providerRef} has no deployment in ${evidence.environment}`,
      });
    else if (p.status.desiredState === 'undeployed')
      missing.set(p.providerRef, {
        kind: 'status',
        text: `${p.providerRef} was undeployed from ${evidence.environment} by ${p.status.updatedBy}`,
        at: p.status.updatedAt,
      });
  }
  return missing;
}

/**
 * The component's dependencies in this environment: providers not deployed, providers that
 * are deployed but degraded or failed, and declared connections the compiled policies block
 * (the traffic service's explanation) to providers that do run.
 */
export const dependenciesRule: DiagnosisRule = {
  name: 'dependencies',
  checks:
    'dependencies: providers not deployed, providers degraded or failed, connections the network policies block',
  diagnose(evidence) {
    const { environment } = evidence;
    const missing = providersNotDeployed(evidence);
    const pending: Finding[] = [...missing].map(([providerRef, shown]) => ({
      rule: this.name,
      severity: 'warning',
      summary: `Provider ${providerRef} of a dependency is not deployed in ${environment}.`,
      evidence: [shown],
      nextStep: {
        text: `Deploy provider ${providerRef} to ${environment} first; the connection opens once it runs.`,
        action: {
          name: 'deploy',
          input: { componentRef: providerRef, environment },
        },
      },
    }));
    const down: Finding[] = evidence.dependencies.providers.flatMap(p =>
      p.status &&
      p.status.desiredState === 'deployed' &&
      UNHEALTHY.has(p.status.sync.state)
        ? [
            {
              rule: this.name,
              severity: 'warning' as const,
              summary: `Provider ${p.providerRef} it depends on is ${p.status.sync.state} in ${environment}.`,
              evidence: [
                {
                  kind: 'status' as const,
                  text: `${p.providerRef}: ${p.status.sync.state}: ${p.status.sync.reason}`,
                  at: p.status.sync.lastSyncedAt,
                },
              ],
              nextStep: {
                text: `Diagnose ${p.providerRef} in ${environment}: this component's trouble may start there.`,
              },
            },
          ]
        : [],
    );
    const blocked: Finding[] = evidence.dependencies.edges.flatMap(edge =>
      edge.policy &&
      !edge.policy.allowed &&
      !(edge.providerRef && missing.has(edge.providerRef))
        ? [
            {
              rule: this.name,
              severity: 'warning' as const,
              summary: `Traffic to ${edge.endpointRef} is blocked in ${environment}.`,
              evidence: [
                {
                  kind: 'status' as const,
                  text: `${edge.declaredAt}: ${edge.policy.reason}`,
                },
              ],
              nextStep: {
                text: `Ask explain-traffic from ${edge.consumerRef} to ${edge.endpointRef} in ${environment} for the policy that blocks it and the step that opens it.`,
              },
            },
          ]
        : [],
    );
    return [...pending, ...down, ...blocked];
  },
};
