/**
 * How far one live workload got with what was applied, decided from its status alone (one pure
 * function per kind: deploymentRollout, cronJobRollout).
 *
 * - `progressing`: the controller is still converging (spec not yet observed, new pods not yet
 *   updated or available, old pods still running or terminating);
 * - `synced`: rolled out — every pod runs the applied template and no other pod remains;
 * - `degraded`: applied, but something the workload reports is wrong (pods cannot be created,
 *   a cron job's last run failed, the object is missing);
 * - `failed`: the rollout gave up (a Deployment's progress deadline passed).
 */
export type RolloutState = 'progressing' | 'synced' | 'degraded' | 'failed';

/** Replica counts of a workload that runs pods continuously. */
export interface RolloutReplicas {
  /** What the workload should run: `spec.replicas`, which an autoscaler writes when one scales it. */
  desired: number;
  /** Pods of the current template. */
  updated: number;
  ready: number;
  /** Updated pods available (ready for `minReadySeconds`). */
  available: number;
  /** Pods of earlier templates still running (not counting terminating ones). */
  old: number;
  /** Pods being deleted that have not gone yet, of any template. */
  terminating: number;
}

export interface WorkloadRollout {
  /** `Deployment/api`. */
  workload: string;
  state: RolloutState;
  /** For people, in the words of `kubectl rollout status` where it has them. */
  message: string;
  replicas?: RolloutReplicas;
}

/** The rollout of all workloads of one deployment, as its status reports it. */
export interface WorkloadObservation {
  state: RolloutState;
  /** The messages of the workloads in the reported state, joined. */
  message: string;
  /** Sums over the workloads that report replicas; undefined when none does (cron jobs). */
  replicas?: RolloutReplicas;
  workloads: WorkloadRollout[];
}

/** Worst first: one workload in a state makes the whole deployment report it. */
const SEVERITY: RolloutState[] = [
  'failed',
  'degraded',
  'progressing',
  'synced',
];

/** One observation of several workloads: the worst state wins, with its workloads' messages. */
export function combineRollouts(
  workloads: WorkloadRollout[],
): WorkloadObservation | undefined {
  if (workloads.length === 0) return undefined;
  const state = SEVERITY.find(s => workloads.some(w => w.state === s))!;
  const message = workloads
    .filter(w => w.state === state)
    .map(w => `${w.workload}: ${w.message}`)
    .join('; ');
  const counted = workloads.flatMap(w => (w.replicas ? [w.replicas] : []));
  const replicas = counted.length
    ? counted.reduce((sum, r) => ({
        desired: sum.desired + r.desired,
        updated: sum.updated + r.updated,
        ready: sum.ready + r.ready,
        available: sum.available + r.available,
        old: sum.old + r.old,
        terminating: sum.terminating + r.terminating,
      }))
    : undefined;
  return { state, message, replicas, workloads };
}
