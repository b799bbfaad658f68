import type { Entity } from '@backstage/catalog-model';
import type {
  ApprovalRequest,
  DeploymentStatus,
  HistoryRecord,
  ReleaseSummary,
} from '@stagecraft/plugin-stagecraft-common';

export const COMPONENT_REF = 'component:default/checkout-api';
export const RELEASE_1 = `1111111111aa${'0'.repeat(52)}`;
export const RELEASE_2 = `2222222222bb${'0'.repeat(52)}`;
export const RELEASE_3 = `3333333333cc${'0'.repeat(52)}`;

/** A deployable component following the `default` pipeline. */
export const checkoutApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'team-checkout',
    lifecycle: 'production',
    deploy: { image: 'registry.local/checkout-api:1.5.0' },
  },
};

const stagecraft = (kind: string, name: string, spec: object): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: spec as Entity['spec'],
});

/** dev → staging → prod, promotions into prod waiting for approval. */
export const defaultPipeline = stagecraft('DeploymentPipeline', 'default', {
  stages: [
    { environment: 'dev' },
    { environment: 'staging' },
    { environment: 'prod', requiresApproval: true },
  ],
});

export const environments = ['dev', 'staging', 'prod'].map(name =>
  stagecraft('Environment', name, {
    target: 'local',
    production: name === 'prod',
    gateway: { internalHost: `${name}.internal` },
  }),
);

/** The catalog the Deploy tab reads: the component, its pipeline and the environments. */
export const catalogEntities = [checkoutApi, defaultPipeline, ...environments];

export function deployment(
  environment: string,
  overrides: Partial<DeploymentStatus> = {},
): DeploymentStatus {
  return {
    componentRef: COMPONENT_REF,
    environment,
    target: 'local',
    releaseId: RELEASE_2,
    image: 'registry.local/checkout-api:1.5.0',
    desiredState: 'deployed',
    generation: 3,
    updatedBy: 'user:default/ada',
    updatedAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    sync: { state: 'synced', reason: 'All 2 replicas are ready' },
    replicas: { desired: 2, ready: 2, updated: 2 },
    urls: [`https://checkout.${environment}.example.com`],
    pendingConnections: [],
    ...overrides,
  };
}

export function release(
  id: string,
  image: string,
  deploy: object = {},
): ReleaseSummary {
  return {
    id,
    componentRef: COMPONENT_REF,
    snapshot: {
      image,
      component: { spec: { deploy: { image, ...deploy } } },
    },
    createdBy: 'user:default/ada',
    createdAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
  };
}

export function approval(
  overrides: Partial<ApprovalRequest> = {},
): ApprovalRequest {
  return {
    id: 7,
    componentRef: COMPONENT_REF,
    environment: 'prod',
    releaseId: RELEASE_2,
    fromEnvironment: 'staging',
    requestedBy: 'user:default/ada',
    requestedAt: new Date(Date.now() - 60_000).toISOString(),
    state: 'pending',
    ...overrides,
  };
}

/** A history entry; give ids in the order things happened (the API lists newest first). */
export function historyEntry(
  id: number,
  environment: string,
  action: HistoryRecord['action'],
  releaseId: string,
  details: Record<string, unknown> = {},
): HistoryRecord {
  return {
    id,
    componentRef: COMPONENT_REF,
    environment,
    action,
    releaseId,
    actor: 'user:default/ada',
    at: new Date(Date.now() - (10 - id) * 3600_000).toISOString(),
    details,
  };
}
