import type {
  FindingEvidence,
  FindingNextStep,
} from '@stagecraft/plugin-stagecraft-common';
import type { HistoryEntry } from '../database/records';
import type { ReadyRelease } from '../database/StatusStore';
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

/** The release to return to, the history entries that show it, and why it counts as good. */
export interface LastGoodRelease {
  /** The newest entry that put it in this environment before the trouble. */
  entry: HistoryEntry;
  /** The entry that put in the current release: when the trouble started. */
  since: HistoryEntry;
  /** When it was observed rolled out and ready here; undefined when no release ever was. */
  ready?: ReadyRelease;
}

/**
 * The release to roll back to: the newest release this environment ran before the current
 * one (before `since`, the entry that put the current release in) that was observed rolled
 * out and ready here (`release_readiness`, recorded by status reads). A release that ran but
 * never became ready — a bad one followed by a good one and another bad one — is passed over.
 *
 * When none of those releases was ever observed ready (history from before readiness was
 * recorded, a GitOps target whose rollout Stagecraft cannot see), history alone decides: the
 * newest release that no rollback undid (a rollback's `details.from` names the release it left
 * as bad), and the step says so. Undefined when nothing ran before the current release.
 */
export function lastGoodRelease(
  evidence: Pick<DiagnosisEvidence, 'history' | 'status' | 'readyReleases'>,
): LastGoodRelease | undefined {
  const current = evidence.status.releaseId;
  const setting = evidence.history.filter(
    e => SETS_RELEASE.has(e.action) && e.releaseId,
  );
  // Newest first: the newest entry that put the current release in.
  const since = setting.find(e => e.releaseId === current);
  if (!since) return undefined;
  const before = setting.filter(
    e => e.releaseId !== current && e.id < since.id,
  );
  const ready = new Map(evidence.readyReleases.map(r => [r.releaseId, r]));
  const observed = before.find(e => ready.has(e.releaseId!));
  if (observed)
    return { entry: observed, since, ready: ready.get(observed.releaseId!) };
  const rolledBackFrom = new Set(
    evidence.history
      .filter(e => e.action === 'rollback')
      .map(e => e.details.from)
      .filter((from): from is string => typeof from === 'string'),
  );
  const fromHistory = before.find(e => !rolledBackFrom.has(e.releaseId!));
  return fromHistory && { entry: fromHistory, since };
}

/** Why the release counts as good, in the step's words. */
function goodBecause(good: LastGoodRelease): string {
  if (good.ready)
    return `the newest that ran here before the trouble and was observed ready (${
      good.ready.evidence
    }, at ${good.ready.readyAt.toISOString()})`;
  return 'as far as history tells: no release that ran here before the trouble was observed ready, so this is the newest one no rollback undid';
}

/**
 * "Roll back to release N" when the environment ran a good release before this one, with the
 * evidence that shows it (the history entries, and its readiness when observed); else
 * `otherwise`.
 */
export function rollbackOr(
  evidence: DiagnosisEvidence,
  otherwise: FindingNextStep,
): { nextStep: FindingNextStep; history: FindingEvidence[] } {
  const good = lastGoodRelease(evidence);
  if (!good) return { nextStep: otherwise, history: [] };
  const releaseId = good.entry.releaseId!;
  const short = shortReleaseId(releaseId);
  const readiness: FindingEvidence[] = good.ready
    ? [
        {
          kind: 'history',
          text: `release ${short} observed ready in ${evidence.environment}: ${good.ready.evidence}`,
          at: good.ready.readyAt.toISOString(),
        },
      ]
    : [];
  return {
    nextStep: {
      text: `Roll back to release ${short}, the last good one, ${goodBecause(
        good,
      )}. It ran here until ${historyText(
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
    history: [
      historyEvidence(good.since),
      historyEvidence(good.entry),
      ...readiness,
    ],
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
