import type { HistoryAction } from '@stagecraft/plugin-stagecraft-common';

// What the deployment store's tables hold, as records, and how their rows read back.

/** An immutable snapshot of what a component runs: intent, image, resolved type and traits. */
export interface Release {
  id: string;
  componentRef: string;
  snapshot: Record<string, unknown>;
  createdBy: string;
  createdAt: Date;
}

export type DesiredState = 'deployed' | 'undeployed';
export type { HistoryAction };

/** Component × environment → release. */
export interface Deployment {
  componentRef: string;
  environment: string;
  releaseId: string;
  overrides: Record<string, unknown>;
  desiredState: DesiredState;
  generation: number;
  updatedBy: string;
  updatedAt: Date;
}

/**
 * Whether a deployment already has `releaseId` as its desired, deployed release: deploying it
 * again changes nothing, so neither the service's deploy nor the catalog trigger records it
 * (a second history entry for the same release would read as a second deploy). Redeploy, the
 * deliberate re-apply, is not asked. `writeDeployUnlessAlready` checks it atomically.
 */
export function alreadyDeploys(
  deployment: Deployment | undefined,
  releaseId: string,
): deployment is Deployment {
  return (
    deployment?.releaseId === releaseId &&
    deployment.desiredState === 'deployed'
  );
}

export interface HistoryEntry {
  id: number;
  componentRef: string;
  environment: string;
  action: HistoryAction;
  releaseId?: string;
  actor: string;
  at: Date;
  details: Record<string, unknown>;
}

/** A change to a managed object's field that Stagecraft did not make. */
export interface DriftEvent {
  objectRef: string;
  field: string;
  oldValue?: string;
  newValue?: string;
  detectedAt: Date;
  correctedAt?: Date;
}

/** Canonical JSON (sorted keys), so equal snapshots hash equally: the one in stagecraft-node. */
export { canonicalJson as canonical } from '@stagecraft/plugin-stagecraft-node';

const toDate = (value: unknown) =>
  value instanceof Date ? value : new Date(String(value));

export function releaseFromRow(row: any): Release {
  return {
    id: row.id,
    componentRef: row.component_ref,
    snapshot: JSON.parse(row.snapshot),
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
  };
}

export function deploymentFromRow(row: any): Deployment {
  return {
    componentRef: row.component_ref,
    environment: row.environment,
    releaseId: row.release_id,
    overrides: JSON.parse(row.overrides),
    desiredState: row.desired_state,
    generation: Number(row.generation),
    updatedBy: row.updated_by,
    updatedAt: toDate(row.updated_at),
  };
}

export function historyFromRow(row: any): HistoryEntry {
  return {
    id: row.id,
    componentRef: row.component_ref,
    environment: row.environment,
    action: row.action,
    releaseId: row.release_id ?? undefined,
    actor: row.actor,
    at: toDate(row.at),
    details: JSON.parse(row.details),
  };
}

export function driftFromRow(row: any): DriftEvent {
  return {
    objectRef: row.object_ref,
    field: row.field,
    oldValue: row.old_value ?? undefined,
    newValue: row.new_value ?? undefined,
    detectedAt: toDate(row.detected_at),
    correctedAt: row.corrected_at ? toDate(row.corrected_at) : undefined,
  };
}
