import type {
  ApprovalRequest,
  DeploymentStatus,
  HistoryRecord,
} from '@stagecraft/plugin-stagecraft-common';
import { formatTable, printable, shortRelease, shortTime } from './table';

/** Ready over desired replicas, e.g. `2/3`; absent when nothing was observed. */
function readyOf(d: Partial<DeploymentStatus>): string | undefined {
  return d.replicas ? `${d.replicas.ready}/${d.replicas.desired}` : undefined;
}

/** One row per environment: what runs there and how far the data plane got. */
export function deploymentsTable(
  deployments: Partial<DeploymentStatus>[],
): string {
  return formatTable(
    [
      'ENVIRONMENT',
      'STATE',
      'SYNC',
      'READY',
      'RELEASE',
      'IMAGE',
      'UPDATED',
      'BY',
    ],
    deployments.map(d => [
      d.environment,
      d.desiredState,
      d.sync?.state,
      readyOf(d),
      shortRelease(d.releaseId),
      d.image,
      shortTime(d.updatedAt),
      d.updatedBy,
    ]),
  );
}

/**
 * What people need below the table: why a deployment is not synced, and which connections
 * wait for a provider.
 */
export function deploymentNotes(
  deployments: Partial<DeploymentStatus>[],
): string {
  const notes: string[] = [];
  for (const d of deployments) {
    if (d.sync && d.sync.state !== 'synced' && d.sync.reason)
      notes.push(`${d.environment}: ${d.sync.state}: ${d.sync.reason}`);
    for (const p of d.pendingConnections ?? [])
      notes.push(`${d.environment}: pending: ${p.message}`);
  }
  return notes.map(n => `${printable(n, { oneLine: true })}\n`).join('');
}

/** One deployment after a write: what was recorded, and that the data plane follows. */
export function deploymentLine(
  verb: string,
  d: Partial<DeploymentStatus>,
): string {
  const image = d.image ? ` (${d.image})` : '';
  return printable(
    `${verb} ${d.componentRef} in ${d.environment}: release ${shortRelease(
      d.releaseId,
    )}${image}, ${d.desiredState}, generation ${d.generation}; sync ${
      d.sync?.state ?? 'pending'
    } (see \`stagecraft status\`)`,
    { oneLine: true },
  ).concat('\n');
}

export function historyTable(entries: Partial<HistoryRecord>[]): string {
  return formatTable(
    ['AT', 'ENVIRONMENT', 'ACTION', 'RELEASE', 'ACTOR', 'DETAILS'],
    entries.map(e => [
      shortTime(e.at),
      e.environment,
      e.action,
      shortRelease(e.releaseId),
      e.actor,
      detailsOf(e.details),
    ]),
  );
}

/** History details as `key=value` pairs (the approval id, a break-glass reason…). */
function detailsOf(details: Record<string, unknown> | undefined): string {
  return Object.entries(details ?? {})
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

export function approvalsTable(approvals: Partial<ApprovalRequest>[]): string {
  return formatTable(
    [
      'ID',
      'STATE',
      'TO',
      'FROM',
      'RELEASE',
      'REQUESTED BY',
      'REQUESTED',
      'DECIDED BY',
      'COMMENT',
    ],
    approvals.map(a => [
      a.id,
      a.state,
      a.environment,
      a.fromEnvironment,
      shortRelease(a.releaseId),
      a.requestedBy,
      shortTime(a.requestedAt),
      a.decidedBy,
      a.comment,
    ]),
  );
}

/** One approval request in a sentence. */
export function approvalLine(a: Partial<ApprovalRequest>): string {
  const decided = a.decidedBy ? ` by ${a.decidedBy}` : '';
  const comment = a.comment ? `: ${a.comment}` : '';
  return printable(
    `approval #${a.id} ${a.state}${decided}: release ${shortRelease(
      a.releaseId,
    )} of ${a.componentRef} from ${a.fromEnvironment} to ${
      a.environment
    }${comment}`,
    { oneLine: true },
  ).concat('\n');
}
