import type {
  FindingEvidence,
  FindingNextStep,
} from '@stagecraft/plugin-stagecraft-common';
import type { HistoryEntry } from '../database/records';
import { shortReleaseId } from '../deployment/shortReleaseId';
import type { DiagnosisEvidence } from './types';

/** History actions after which a release is what the environment runs. */
const SETS_RELEASE = new Set(['deploy', 'promote', 'rollback', 'redeploy']);

const historyText = (entry: HistoryEntry) =>
  `${entry.action} of release ${shortReleaseId(entry.releaseId ?? '')} by ${
    entry.actor
  }`;

/** A history entry as evidence. */
export const historyEvidence = (entry: HistoryEntry): FindingEvidence => ({
  kind: 'history',
  text: historyText(entry),
  at: entry.at.toISOString(),
});

/**
 * The release this environment ran before the current one, which nobody rolled back away from:
 * the last one that ran without a rollback undoing it. Undefined when the current release is
 * the only one the environment ever ran (then there is nothing to roll back to).
 */
export function lastGoodRelease(
  evidence: Pick<DiagnosisEvidence, 'history' | 'status'>,
): { entry: HistoryEntry; since: HistoryEntry } | undefined {
  const setting = evidence.history.filter(
    e => SETS_RELEASE.has(e.action) && e.releaseId,
  );
  const current = evidence.status.releaseId;
  // A rollback away from a release says that release was bad.
  const rolledBackFrom = new Set(
    evidence.history
      .filter(e => e.action === 'rollback')
      .map(e => e.details.from)
      .filter((from): from is string => typeof from === 'string'),
  );
  // Newest first: the entries that set the current release up to the first that set another.
  const since = setting.find(e => e.releaseId === current);
  const before = setting.filter(
    e =>
      e.releaseId !== current &&
      !rolledBackFrom.has(e.releaseId!) &&
      (!since || e.id < since.id),
  );
  if (!since || before.length === 0) return undefined;
  return { entry: before[0], since };
}

/**
 * "Roll back to release N" when the environment ran a good release before this one, with the
 * history entries that show it; else `otherwise`.
 */
export function rollbackOr(
  evidence: DiagnosisEvidence,
  otherwise: FindingNextStep,
): { nextStep: FindingNextStep; history: FindingEvidence[] } {
  const good = lastGoodRelease(evidence);
  if (!good) return { nextStep: otherwise, history: [] };
  const releaseId = good.entry.releaseId!;
  return {
    nextStep: {
      text: `Roll back to release ${shortReleaseId(
        releaseId,
      )}, the last good one in history: it ran here until ${historyText(
        good.since,
      )} at ${good.since.at.toISOString()}, when the trouble started.`,
      action: {
        name: 'rollback',
        input: {
          componentRef: evidence.componentRef,
          environment: evidence.environment,
          releaseId,
        },
      },
    },
    history: [historyEvidence(good.since), historyEvidence(good.entry)],
  };
}

/**
 * `fix` as the step; when a good release ran before, rolling back to it as the action that
 * restores service until the fix is deployed.
 */
export function fixOrRollback(
  evidence: DiagnosisEvidence,
  fix: string,
): { nextStep: FindingNextStep; history: FindingEvidence[] } {
  const { nextStep, history } = rollbackOr(evidence, { text: fix });
  if (!nextStep.action) return { nextStep, history };
  return {
    nextStep: { ...nextStep, text: `${fix} Until then: ${nextStep.text}` },
    history,
  };
}
