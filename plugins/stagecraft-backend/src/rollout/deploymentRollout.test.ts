import type {
  V1Deployment,
  V1DeploymentStatus,
  V2HorizontalPodAutoscaler,
} from '@kubernetes/client-node';
import { deploymentRollout } from './deploymentRollout';

// Each intermediate state of a rolling update of a 3-replica Deployment, as the deployment
// controller reports it, and the one state that counts as rolled out.

function deployment(
  status: V1DeploymentStatus,
  o: { generation?: number; replicas?: number } = {},
): V1Deployment {
  return {
    metadata: { name: 'api', generation: o.generation ?? 2 },
    spec: {
      replicas: o.replicas ?? 3,
      progressDeadlineSeconds: 30,
      selector: {},
      template: {},
    },
    status: { observedGeneration: 2, ...status },
  };
}

const rolledOut: V1DeploymentStatus = {
  replicas: 3,
  updatedReplicas: 3,
  readyReplicas: 3,
  availableReplicas: 3,
  conditions: [
    {
      type: 'Progressing',
      status: 'True',
      reason: 'NewReplicaSetAvailable',
    },
  ],
};

const rollout = (
  status: V1DeploymentStatus,
  o: { generation?: number; terminatingPods?: number } = {},
) =>
  deploymentRollout(deployment(status, o), {
    terminatingPods: o.terminatingPods ?? 0,
  });

describe('deploymentRollout', () => {
  it('is synced only when every replica is updated and available and nothing else is left', () => {
    expect(rollout(rolledOut)).toEqual({
      workload: 'Deployment/api',
      state: 'synced',
      message: 'rolled out: 3 of 3 replicas updated and available',
      replicas: {
        desired: 3,
        updated: 3,
        ready: 3,
        available: 3,
        old: 0,
        terminating: 0,
      },
    });
  });

  it.each<[string, V1DeploymentStatus, number, number, string]>([
    [
      'the new spec is not yet observed (the old status still looks rolled out)',
      rolledOut,
      3,
      0,
      'waiting for the deployment controller to observe generation 3',
    ],
    [
      'new pods are still being created (old ones serve, ready count already 3)',
      { ...rolledOut, replicas: 4, updatedReplicas: 1, availableReplicas: 3 },
      2,
      0,
      '1 of 3 new replicas updated; 3 available, 3 old still running',
    ],
    [
      'every new pod is there but old ones are still running',
      { ...rolledOut, replicas: 4, updatedReplicas: 3, availableReplicas: 3 },
      2,
      0,
      '1 old replica(s) pending termination; 3 available, 1 old still running',
    ],
    [
      'the new pods are not all available yet',
      {
        ...rolledOut,
        updatedReplicas: 3,
        readyReplicas: 2,
        availableReplicas: 2,
      },
      2,
      0,
      '2 of 3 updated replicas available',
    ],
    [
      'an old pod is still terminating (status.replicas no longer counts it)',
      rolledOut,
      2,
      1,
      '1 pod(s) still terminating',
    ],
  ])(
    'is progressing while %s',
    (_, status, generation, terminatingPods, message) => {
      const result = rollout(status, { generation, terminatingPods });
      expect(result.state).toBe('progressing');
      expect(result.message).toBe(message);
    },
  );

  it('counts terminating replicas the controller reports when no pod list says so', () => {
    const result = rollout({
      ...rolledOut,
      terminatingReplicas: 2,
    } as V1DeploymentStatus);
    expect(result).toMatchObject({
      state: 'progressing',
      replicas: { terminating: 2 },
    });
  });

  it('fails with the reason when the progress deadline passed', () => {
    const result = rollout({
      replicas: 4,
      updatedReplicas: 1,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: 'ReplicaSet "api-7c9" has timed out progressing.',
        },
      ],
    });
    expect(result.state).toBe('failed');
    expect(result.message).toBe(
      'exceeded its progress deadline (30 s): ReplicaSet "api-7c9" has timed out progressing.; 3 available, 3 old still running',
    );
  });

  it('does not report a deadline from before the latest spec was observed', () => {
    const result = rollout(
      {
        ...rolledOut,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
          },
        ],
      },
      { generation: 3 },
    );
    expect(result.state).toBe('progressing');
  });

  it('is degraded when the controller cannot create pods', () => {
    const result = rollout({
      ...rolledOut,
      updatedReplicas: 1,
      conditions: [
        {
          type: 'ReplicaFailure',
          status: 'True',
          reason: 'FailedCreate',
          message: 'exceeded quota: pods',
        },
      ],
    });
    expect(result).toMatchObject({
      state: 'degraded',
      message: 'FailedCreate: exceeded quota: pods',
    });
  });

  describe('with an autoscaler', () => {
    const hpa = (desiredReplicas: number): V2HorizontalPodAutoscaler => ({
      metadata: { name: 'api' },
      spec: {
        minReplicas: 2,
        maxReplicas: 6,
        scaleTargetRef: { kind: 'Deployment', name: 'api' },
      },
      status: { currentReplicas: 3, desiredReplicas },
    });

    it('takes the desired count from the live spec the autoscaler wrote, and says so', () => {
      // The compiled manifest has no replicas; the autoscaler scaled the Deployment to 5.
      const live = deployment(
        {
          ...rolledOut,
          replicas: 5,
          updatedReplicas: 5,
          readyReplicas: 5,
          availableReplicas: 5,
        },
        { replicas: 5 },
      );
      expect(
        deploymentRollout(live, { terminatingPods: 0, autoscaler: hpa(5) }),
      ).toMatchObject({
        state: 'synced',
        message:
          'rolled out: 5 of 5 replicas updated and available (replicas set by HorizontalPodAutoscaler/api, 2–6)',
        replicas: { desired: 5 },
      });
    });

    it('is progressing while the Deployment has not been scaled to what the autoscaler decided', () => {
      const result = deploymentRollout(deployment(rolledOut), {
        terminatingPods: 0,
        autoscaler: hpa(4),
      });
      expect(result.state).toBe('progressing');
      expect(result.message).toMatch(
        /^scaling: the autoscaler wants 4 replicas, the Deployment has 3/,
      );
    });
  });
});
