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
 * Whether a history entry is evidence that its release ran in the entry's stage, so that a
 * rollback may return there. In an approval-gated stage only what the pipeline rule admitted
 * counts — a promotion (only an approval promotes into such a stage) or a break-glass deploy —
 * not a plain deploy: history from before the rule holds deploys that never had an approval.
 * One rule for the backend's check and the portal's offer.
 *
 * @public
 */
export function isRunEvidence(
  entry: { action: HistoryAction; details: Record<string, unknown> },
  gated: boolean,
): boolean {
  if (!gated) return DEPLOYING_HISTORY_ACTIONS.includes(entry.action);
  return (
    entry.action === 'promote' ||
    (entry.action === 'deploy' && entry.details.breakGlass === true)
  );
}

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
  /** The stage is approval-gated (see {@link isRunEvidence}). */
  gated = false,
): RollbackTarget[] {
  const newest = new Map<string, HistoryRecord>();
  for (const record of history) {
    const { releaseId } = record;
    if (
      record.environment !== environment ||
      !releaseId ||
      releaseId === currentReleaseId ||
      !isRunEvidence(record, gated)
    )
      continue;
    const seen = newest.get(releaseId);
    if (!seen || record.id > seen.id) newest.set(releaseId, record);
  }
  return [...newest.values()]
    .sort((a, b) => b.id - a.id)
    .map(r => ({ releaseId: r.releaseId!, lastRanAt: r.at }));
}
