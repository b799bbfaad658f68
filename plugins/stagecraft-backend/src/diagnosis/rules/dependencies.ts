import type { Finding } from '@stagecraft/plugin-stagecraft-common';
import type { DiagnosisRule } from '../types';

const UNHEALTHY = new Set(['degraded', 'failed']);

/**
 * The component's dependencies in this environment: providers not deployed yet (the compiler's
 * pending connections), providers that are deployed but degraded or failed, and declared
 * connections the compiled policies block (the traffic service's explanation).
 */
export const dependenciesRule: DiagnosisRule = {
  name: 'dependencies',
  checks:
    'dependencies: providers not deployed, providers degraded or failed, connections the network policies block',
  diagnose(evidence) {
    const pending: Finding[] = evidence.status.pendingConnections.map(p => ({
      rule: this.name,
      severity: 'warning',
      summary: `Depends on ${p.endpointRef}, whose provider ${p.providerRef} is not deployed in ${p.environment}.`,
      evidence: [{ kind: 'status', text: p.message }],
      nextStep: {
        text: `Deploy provider ${p.providerRef} to ${p.environment} first; the connection opens once it runs.`,
        action: {
          name: 'deploy',
          input: { componentRef: p.providerRef, environment: p.environment },
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
              summary: `Provider ${p.providerRef} it depends on is ${p.status.sync.state} in ${evidence.environment}.`,
              evidence: [
                {
                  kind: 'status' as const,
                  text: `${p.providerRef}: ${p.status.sync.state}: ${p.status.sync.reason}`,
                  at: p.status.sync.lastSyncedAt,
                },
              ],
              nextStep: {
                text: `Diagnose ${p.providerRef} in ${evidence.environment}: this component's trouble may start there.`,
              },
            },
          ]
        : [],
    );
    const blocked: Finding[] = evidence.dependencies.edges.flatMap(edge =>
      edge.policy && !edge.policy.allowed
        ? [
            {
              rule: this.name,
              severity: 'warning' as const,
              summary: `Traffic to ${edge.endpointRef} is blocked in ${evidence.environment}.`,
              evidence: [
                {
                  kind: 'status' as const,
                  text: `${edge.declaredAt}: ${edge.policy.reason}`,
                },
              ],
              nextStep: {
                text: `Ask explain-traffic from ${edge.consumerRef} to ${edge.endpointRef} in ${evidence.environment} for the policy that blocks it and the step that opens it.`,
              },
            },
          ]
        : [],
    );
    return [...pending, ...down, ...blocked];
  },
};
