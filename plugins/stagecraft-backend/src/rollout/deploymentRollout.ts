import type {
  V1Deployment,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import type { RolloutReplicas, WorkloadRollout } from './WorkloadRollout';

/** The deployment controller's reason on the Progressing condition when the deadline passed. */
const PROGRESS_DEADLINE_EXCEEDED = 'ProgressDeadlineExceeded';

/**
 * The rollout of a live Deployment, by `kubectl rollout status` (kubectl
 * pkg/polymorphichelpers/rollout_status.go, DeploymentStatusViewer) plus what it leaves out:
 *
 * 1. the controller has observed the latest spec (`observedGeneration >= generation`);
 * 2. the Progressing condition's reason is not ProgressDeadlineExceeded (else `failed`);
 * 3. every desired replica runs the new template (`updatedReplicas >= spec.replicas`);
 * 4. no replica of an older template is left (`replicas == updatedReplicas`);
 * 5. every updated replica is available (`availableReplicas >= updatedReplicas`);
 * 6. (not in kubectl) no pod is still terminating: `status.replicas` leaves out pods being
 *    deleted, so an old pod in its grace period, possibly still serving, would pass 4.
 *
 * `spec.replicas` is what the cluster wants now: with an autoscaler the compiled manifest leaves
 * it out and the HorizontalPodAutoscaler writes it, so `autoscaler` only explains the number
 * (and a Deployment not yet scaled to the autoscaler's decision is still progressing).
 * A ReplicaFailure condition (pods refused, e.g. by a quota) makes it `degraded`.
 */
export function deploymentRollout(
  deployment: V1Deployment,
  o: {
    /** Pods selected by the Deployment that are being deleted. */
    terminatingPods: number;
    autoscaler?: V2HorizontalPodAutoscaler;
  },
): WorkloadRollout {
  const { metadata, spec, status = {} } = deployment;
  const workload = `Deployment/${metadata?.name}`;
  const desired = spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const replicas: RolloutReplicas = {
    desired,
    updated,
    ready: status.readyReplicas ?? 0,
    available: status.availableReplicas ?? 0,
    old: Math.max(0, (status.replicas ?? 0) - updated),
    terminating: Math.max(
      o.terminatingPods,
      (status as { terminatingReplicas?: number }).terminatingReplicas ?? 0,
    ),
  };
  const result = (state: WorkloadRollout['state'], message: string) => ({
    workload,
    state,
    message: `${message}${autoscaled(o.autoscaler)}`,
    replicas,
  });

  if ((status.observedGeneration ?? 0) < (metadata?.generation ?? 0))
    return result(
      'progressing',
      `waiting for the deployment controller to observe generation ${metadata?.generation}`,
    );
  const progressing = status.conditions?.find(c => c.type === 'Progressing');
  if (progressing?.reason === PROGRESS_DEADLINE_EXCEEDED)
    return result(
      'failed',
      `exceeded its progress deadline (${
        spec?.progressDeadlineSeconds ?? 600
      } s)${progressing.message ? `: ${progressing.message}` : ''}; ${counts(
        replicas,
      )}`,
    );
  const refused = status.conditions?.find(
    c => c.type === 'ReplicaFailure' && c.status === 'True',
  );
  if (refused)
    return result(
      'degraded',
      `${refused.reason ?? 'ReplicaFailure'}${
        refused.message ? `: ${refused.message}` : ''
      }`,
    );
  const wanted = o.autoscaler?.status?.desiredReplicas;
  if (wanted !== undefined && wanted !== desired)
    return result(
      'progressing',
      `scaling: the autoscaler wants ${wanted} replicas, the Deployment has ${desired}`,
    );
  if (updated < desired)
    return result(
      'progressing',
      `${updated} of ${desired} new replicas updated; ${counts(replicas)}`,
    );
  if (replicas.old > 0)
    return result(
      'progressing',
      `${replicas.old} old replica(s) pending termination; ${counts(replicas)}`,
    );
  if (replicas.available < updated)
    return result(
      'progressing',
      `${replicas.available} of ${updated} updated replicas available`,
    );
  if (replicas.terminating > 0)
    return result(
      'progressing',
      `${replicas.terminating} pod(s) still terminating`,
    );
  return result(
    'synced',
    `rolled out: ${replicas.available} of ${desired} replicas updated and available`,
  );
}

function counts(r: RolloutReplicas): string {
  return `${r.available} available, ${r.old} old still running`;
}

function autoscaled(hpa?: V2HorizontalPodAutoscaler): string {
  if (!hpa) return '';
  const min = hpa.spec?.minReplicas ?? 1;
  const max = hpa.spec?.maxReplicas;
  return ` (replicas set by HorizontalPodAutoscaler/${hpa.metadata?.name}, ${min}–${max})`;
}
