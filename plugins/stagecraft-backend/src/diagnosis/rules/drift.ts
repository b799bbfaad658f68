import type { DiagnosisRule } from '../types';

/** Quoted changes beyond this many would drown the finding. */
const QUOTED = 5;

/**
 * Fields of its objects someone changed by hand that Stagecraft has not undone yet: what runs
 * is not what the release says. Redeploying the release puts it back.
 */
export const driftRule: DiagnosisRule = {
  name: 'drift',
  checks: 'changes made by hand to its objects and not undone (drift records)',
  diagnose(evidence) {
    const open = evidence.drift.filter(d => !d.correctedAt);
    if (open.length === 0) return [];
    const objects = [...new Set(open.map(d => d.objectRef))];
    return [
      {
        rule: this.name,
        severity: 'warning',
        summary: `${open.length} field${
          open.length === 1 ? '' : 's'
        } of ${objects.join(', ')} changed by hand and not undone.`,
        evidence: open.slice(0, QUOTED).map(d => ({
          kind: 'status' as const,
          text: `${d.objectRef} ${d.field}: ${d.oldValue ?? '(unset)'} → ${
            d.newValue ?? '(unset)'
          }`,
          at: d.detectedAt.toISOString(),
        })),
        nextStep: {
          text: `Redeploy release ${evidence.status.releaseId.slice(
            0,
            12,
          )} to ${
            evidence.environment
          } to undo the changes, or make them in the component's intent.`,
          action: {
            name: 'redeploy',
            input: {
              componentRef: evidence.componentRef,
              environment: evidence.environment,
            },
          },
        },
      },
    ];
  },
};
