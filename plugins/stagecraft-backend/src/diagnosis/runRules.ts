import type { Diagnosis, Finding } from '@stagecraft/plugin-stagecraft-common';
import type { DiagnosisEvidence, DiagnosisRule } from './types';

const RANK = { critical: 0, warning: 1, info: 2 } as const;

/**
 * Runs each rule over the evidence and ranks the findings: by severity, then by the rules'
 * order. A rule that throws is a gap in the answer, never a failed diagnosis.
 */
export function runRules(
  evidence: DiagnosisEvidence,
  rules: readonly DiagnosisRule[],
  gaps: string[],
): Diagnosis {
  const found: { finding: Finding; order: number }[] = [];
  const ruleGaps: string[] = [];
  rules.forEach((rule, order) => {
    try {
      for (const finding of rule.diagnose(evidence))
        found.push({ finding, order });
    } catch (e) {
      ruleGaps.push(
        `rule ${rule.name} failed: ${
          e instanceof Error ? e.message : String(e)
        }`,
      );
    }
  });
  found.sort(
    (a, b) =>
      RANK[a.finding.severity] - RANK[b.finding.severity] || a.order - b.order,
  );
  return {
    componentRef: evidence.componentRef,
    environment: evidence.environment,
    diagnosedAt: evidence.now.toISOString(),
    findings: found.map(f => f.finding),
    checked: rules.map(rule => rule.checks),
    gaps: [...gaps, ...ruleGaps],
  };
}
