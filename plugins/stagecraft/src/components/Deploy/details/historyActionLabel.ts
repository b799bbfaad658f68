import type { HistoryRecord } from '@stagecraft/plugin-stagecraft-common';
import { shortReleaseId } from '../../shared/shortReleaseId';

/** History actions in the past tense, as a history reads. */
export const historyActionLabel: Record<HistoryRecord['action'], string> = {
  deploy: 'Deployed',
  promote: 'Promoted',
  rollback: 'Rolled back',
  redeploy: 'Redeployed',
  undeploy: 'Undeployed',
  approve: 'Approved promotion',
  deny: 'Denied promotion',
  'request-approval': 'Requested approval',
};

/**
 * The parts of a record's details worth a person's attention: where from, why, and whether
 * the pipeline was bypassed. `from` is an environment for promotions and approvals, but the
 * release a rollback left for rollbacks (the record's own release is where it went).
 */
export function historyNote(record: HistoryRecord): string {
  const { from, comment, reason } = record.details as {
    from?: unknown;
    comment?: unknown;
    reason?: unknown;
  };
  const breakGlass = isBreakGlass(record);
  const parts: string[] = [];
  if (breakGlass) parts.push('past the pipeline');
  if (typeof from === 'string')
    parts.push(
      record.action === 'rollback'
        ? `from release ${shortReleaseId(from)}`
        : `from ${from}`,
    );
  if (typeof comment === 'string' && comment) parts.push(`“${comment}”`);
  if (breakGlass && typeof reason === 'string' && reason)
    parts.push(`“${reason}”`);
  return parts.join(' ');
}

/** Whether the record is a deploy that skipped the pipeline rule under break-glass. */
export function isBreakGlass(record: HistoryRecord): boolean {
  return record.details.breakGlass === true;
}
