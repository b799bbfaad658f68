import type { DiagnosisRule } from '../types';

/**
 * Connections the component's logs say failed, to a component it declares no dependency on:
 * Stagecraft's policies block undeclared traffic, so the fix is the declaration that
 * explain-traffic names (the traffic service decides; this rule only quotes it).
 */
export const undeclaredDependencyRule: DiagnosisRule = {
  name: 'undeclared-dependency',
  checks:
    'connection errors in the logs to components without a declared dependency (explain-traffic)',
  diagnose(evidence) {
    return evidence.failedConnections.flatMap(({ connection, explanation }) =>
      !explanation.allowed &&
      !explanation.declaration &&
      explanation.endpointRef
        ? [
            {
              rule: this.name,
              severity: 'warning' as const,
              summary: `Connections to ${connection.service}:${connection.port} fail, and ${evidence.componentRef} declares no dependency on ${explanation.endpointRef}.`,
              evidence: [
                {
                  kind: 'log' as const,
                  text: connection.line.text,
                  at: connection.line.timestamp,
                  pod: connection.line.pod,
                  container: connection.line.container,
                },
                { kind: 'status' as const, text: explanation.reason },
              ],
              nextStep: {
                text: `Declare a dependency on endpoint ${
                  explanation.endpointRef
                }: ${
                  explanation.nextStep ?? 'add it to spec.dependsOn and deploy'
                }.`,
              },
            },
          ]
        : [],
    );
  },
};
