import type { HistoryRecord } from '@stagecraft/plugin-stagecraft-common';

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

/** The parts of a record's details worth a person's attention: where from, and why. */
export function historyNote(record: HistoryRecord): string {
  const { from, comment } = record.details as {
    from?: unknown;
    comment?: unknown;
  };
  const parts: string[] = [];
  if (typeof from === 'string') parts.push(`from ${from}`);
  if (typeof comment === 'string' && comment) parts.push(`“${comment}”`);
  return parts.join(' ');
}
