import type { HistoryAction, HistoryRecord } from './api/deployments';

/**
 * The history actions after which a deployment runs the entry's release (undeploy removes
 * it): the evidence that a release ran in an environment.
 *
 * @public
 */
export const DEPLOYING_HISTORY_ACTIONS: readonly HistoryAction[] = [
  'deploy',
  'promote',
  'rollback',
  'redeploy',
];

/**
 * A release a rollback may return to.
 *
 * @public
 */
export interface RollbackTarget {
  releaseId: string;
  /** When it last started running in the environment (the newest such history entry). */
  lastRanAt: string;
}

/**
 * What the pipeline rule lets a rollback in `environment` return to: every release that ran
 * there before (a deploying history entry) except the one the deployment has now, most
 * recently run first. A release that never ran there was never admitted to the stage, so it
 * must be promoted instead; rolling back to the current one would change nothing.
 *
 * @public
 */
export function rollbackTargets(
  history: readonly HistoryRecord[],
  environment: string,
  currentReleaseId: string,
): RollbackTarget[] {
  const newest = new Map<string, HistoryRecord>();
  for (const record of history) {
    const { releaseId } = record;
    if (
      record.environment !== environment ||
      !releaseId ||
      releaseId === currentReleaseId ||
      !DEPLOYING_HISTORY_ACTIONS.includes(record.action)
    )
      continue;
    const seen = newest.get(releaseId);
    if (!seen || record.id > seen.id) newest.set(releaseId, record);
  }
  return [...newest.values()]
    .sort((a, b) => b.id - a.id)
    .map(r => ({ releaseId: r.releaseId!, lastRanAt: r.at }));
}
