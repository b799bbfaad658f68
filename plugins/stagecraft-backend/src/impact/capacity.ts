import type { Entity } from '@backstage/catalog-model';
import type { DeploymentPlan } from '../plan/planDeployment';
import type { CapacityRow } from './types';

interface PodTemplateHolder {
  kind: string;
  spec?: {
    replicas?: number;
    minReplicas?: number;
    maxReplicas?: number;
    template?: {
      spec?: {
        containers?: {
          resources?: { requests?: { cpu?: string; memory?: string } };
        }[];
      };
    };
  };
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet']);

/**
 * Replicas and per-container requests of a planned deployment (its compiled workload, so
 * environment overrides and defaults are applied) against the Environment's declared
 * `spec.policy.replicas`. The compiler already refuses a count outside them; the row says so
 * for a plan that did not compile, and "no bounds declared" when the Environment sets none.
 */
export function capacityRow(o: {
  environment: string;
  environmentEntity?: Entity;
  plan?: DeploymentPlan;
}): CapacityRow {
  const declared = (
    o.environmentEntity?.spec as
      | { policy?: { replicas?: { min?: number; max?: number } } }
      | undefined
  )?.policy?.replicas;
  const bounds = declared
    ? { min: declared.min ?? 1, max: declared.max ?? 20 }
    : undefined;
  const workload =
    o.plan?.valid === true
      ? (o.plan.manifests as PodTemplateHolder[]).find(m =>
          WORKLOADS.has(m.kind),
        )
      : undefined;
  const replicas = workload?.spec?.replicas;
  // An autoscaled workload has no fixed count: its HorizontalPodAutoscaler's range is what
  // the bounds are about.
  const autoscaler =
    o.plan?.valid === true
      ? (o.plan.manifests as PodTemplateHolder[]).find(
          m => m.kind === 'HorizontalPodAutoscaler',
        )?.spec
      : undefined;
  const autoscaled =
    autoscaler?.maxReplicas !== undefined
      ? `autoscaled between ${autoscaler.minReplicas ?? 1} and ${
          autoscaler.maxReplicas
        } replicas`
      : undefined;
  const requests = (workload?.spec?.template?.spec?.containers ?? []).map(
    c => ({ ...c.resources?.requests }),
  );
  let note: string | undefined;
  if (!bounds)
    note = autoscaled
      ? `${autoscaled}; no bounds declared`
      : 'no bounds declared';
  // The compiler holds an autoscaler within the bounds (a warning says when it had to).
  else if (autoscaled) note = autoscaled;
  else if (replicas !== undefined && replicas < bounds.min)
    note = `${replicas} replicas is below the minimum of ${bounds.min}`;
  else if (replicas !== undefined && replicas > bounds.max)
    note = `${replicas} replicas is above the maximum of ${bounds.max}`;
  else if (o.plan && !o.plan.valid) note = o.plan.reason;
  return {
    environment: o.environment,
    ...(replicas !== undefined ? { replicas } : {}),
    requests,
    ...(bounds ? { bounds } : {}),
    ...(note ? { note } : {}),
  };
}
