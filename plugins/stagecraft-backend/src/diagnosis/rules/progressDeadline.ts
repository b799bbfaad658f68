import { rollbackOr } from '../lastGoodRelease';
import type { DiagnosisRule } from '../types';

/** The rollout's words (rollout/deploymentRollout.ts) when the deadline passed. */
const DEADLINE = 'exceeded its progress deadline';

/**
 * A rollout the deployment controller gave up on: the new pods did not become available within
 * the progress deadline. Usually the consequence of another finding, which says why.
 */
export const progressDeadlineRule: DiagnosisRule = {
  name: 'progress-deadline',
  checks: 'rollouts past their progress deadline',
  diagnose(evidence) {
    const { sync } = evidence.status;
    if (sync.state !== 'failed' || !sync.reason.includes(DEADLINE)) return [];
    const { nextStep, history } = rollbackOr(evidence, {
      text: 'Find why the new pods do not become available (the other findings, the pods on the Runtime tab) and deploy a fix.',
    });
    return [
      {
        rule: this.name,
        severity: 'critical',
        summary: `The rollout of release ${evidence.status.releaseId.slice(
          0,
          12,
        )} ${DEADLINE}.`,
        evidence: [
          {
            kind: 'status',
            text: `sync ${sync.state}: ${sync.reason}`,
            at: sync.lastSyncedAt,
          },
          ...history,
        ],
        nextStep,
      },
    ];
  },
};
