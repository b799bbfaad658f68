import type {
  ApprovalRequest,
  DeploymentActions,
  DeploymentStatus,
} from '../../actions/types';
import type {
  DriftEvent,
  HistoryEntry,
  Release,
} from '../../database/DeploymentStore';

export const COMPONENT_REF = 'component:default/checkout-api';
export const RELEASE_ID = 'a'.repeat(64);

export const deploymentStatus: DeploymentStatus = {
  componentRef: COMPONENT_REF,
  environment: 'staging',
  target: 'local',
  releaseId: RELEASE_ID,
  image: 'ghcr.io/acme/checkout-api:1.4.2',
  desiredState: 'deployed',
  generation: 3,
  updatedBy: 'user:default/jane',
  updatedAt: '2026-01-02T03:04:05.000Z',
  sync: {
    state: 'progressing',
    reason:
      'Waiting for rollout to finish: 1 of 2 updated replicas are available',
    observedGeneration: 2,
    lastAppliedReleaseId: RELEASE_ID,
    lastSyncedAt: '2026-01-02T03:00:00.000Z',
  },
  replicas: { desired: 2, ready: 1, updated: 1 },
  urls: ['https://checkout-api.staging.example.com'],
  pendingConnections: [
    {
      consumerRef: COMPONENT_REF,
      endpointRef: 'endpoint:default/payments-http',
      providerRef: 'component:default/payments',
      environment: 'staging',
      message: `${COMPONENT_REF} → endpoint:default/payments-http: component:default/payments is not deployed in staging yet; the connection opens when it is`,
    },
  ],
};

export const release: Release = {
  id: RELEASE_ID,
  componentRef: COMPONENT_REF,
  snapshot: { image: 'ghcr.io/acme/checkout-api:1.4.2', type: 'web-service' },
  createdBy: 'user:default/jane',
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

export const historyEntry: HistoryEntry = {
  id: 12,
  componentRef: COMPONENT_REF,
  environment: 'staging',
  action: 'promote',
  releaseId: RELEASE_ID,
  actor: 'user:default/jane',
  at: new Date('2026-01-02T03:04:05Z'),
  details: { from: 'dev' },
};

export const driftEvent: DriftEvent = {
  objectRef: 'apps/v1/Deployment shop-staging/checkout-api',
  field: 'spec.replicas',
  oldValue: '2',
  newValue: '5',
  detectedAt: new Date('2026-01-02T04:00:00Z'),
  correctedAt: new Date('2026-01-02T04:00:10Z'),
};

export const approvalRequest: ApprovalRequest = {
  id: 7,
  componentRef: COMPONENT_REF,
  environment: 'production',
  releaseId: RELEASE_ID,
  fromEnvironment: 'staging',
  requestedBy: 'user:default/jane',
  requestedAt: '2026-01-02T05:00:00.000Z',
  state: 'pending',
};

/** Every action answering with the fixtures above; tests override single answers. */
export function fakeActions(): jest.Mocked<DeploymentActions> {
  const answers: DeploymentActions = {
    listDeployments: async () => [deploymentStatus],
    getDeployment: async () => deploymentStatus,
    listEnvironmentDeployments: async () => [deploymentStatus],
    listReleases: async () => [release],
    listHistory: async () => [historyEntry],
    listDrift: async () => [driftEvent],
    listApprovals: async () => [approvalRequest],
    deploy: async () => deploymentStatus,
    authorizeDeploy: async () => undefined,
    promote: async () => ({
      outcome: 'deployed',
      deployment: deploymentStatus,
    }),
    approve: async () => ({
      ...approvalRequest,
      state: 'approved',
      decidedBy: 'user:default/lead',
      decidedAt: '2026-01-02T06:00:00.000Z',
      comment: 'ship it',
    }),
    deny: async () => ({
      ...approvalRequest,
      state: 'denied',
      decidedBy: 'user:default/lead',
      decidedAt: '2026-01-02T06:00:00.000Z',
    }),
    rollback: async () => deploymentStatus,
    redeploy: async () => deploymentStatus,
    undeploy: async () => ({ ...deploymentStatus, desiredState: 'undeployed' }),
  };
  return Object.fromEntries(
    Object.entries(answers).map(([name, answer]) => [name, jest.fn(answer)]),
  ) as unknown as jest.Mocked<DeploymentActions>;
}
