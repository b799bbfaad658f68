import { KubeConfig } from '@kubernetes/client-node';
import { testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { Deployment } from '../database/DeploymentStore';
import type { StoredStatus } from '../database/StatusStore';
import type { WorkloadObservation } from '../targets/DataPlane';
import { observeDeploymentStatus } from './observeDeploymentStatus';

// A status read that finds the applied release rolled out records it as observed ready: the
// evidence diagnosis uses to name the last good release. Anything short of that records nothing.

const catalog = new CatalogSnapshot(testCatalog('shop'));
const deployment: Deployment = {
  componentRef: 'component:default/api',
  environment: 'dev',
  releaseId: 'r2',
  overrides: {},
  desiredState: 'deployed',
  generation: 2,
  updatedBy: 'user:default/ann',
  updatedAt: new Date(0),
};
const applied: StoredStatus = {
  componentRef: deployment.componentRef,
  environment: 'dev',
  state: 'synced',
  reason: 'applied release r2',
  observedGeneration: 2,
  lastAppliedReleaseId: 'r2',
  urls: [],
  pendingConnections: [],
  updatedAt: new Date(0),
};
const rolledOut: WorkloadObservation = {
  state: 'synced',
  message: 'Deployment/api: rolled out: 2 of 2 replicas updated and available',
  workloads: [],
};

async function recorded(
  stored: StoredStatus,
  observation: WorkloadObservation,
  over: Partial<Deployment> = {},
) {
  const records: unknown[] = [];
  const plane = Object.assign(new RecordingDataPlane(), {
    cluster: {
      kubeConfig: new KubeConfig(),
      observeWorkloads: async () => observation,
    },
  });
  await observeDeploymentStatus(
    {
      store: {
        getRelease: async () => undefined,
        getInventory: async () => [],
      },
      status: {
        get: async () => stored,
        recordReady: async r => {
          records.push(r);
        },
      },
      dataPlanes: new Map([['local', plane]]),
    },
    { ...deployment, ...over },
    catalog,
  );
  return records;
}

describe('observed readiness', () => {
  it('is recorded when the applied release has rolled out', async () => {
    await expect(recorded(applied, rolledOut)).resolves.toEqual([
      {
        componentRef: 'component:default/api',
        environment: 'dev',
        releaseId: 'r2',
        evidence:
          'Deployment/api: rolled out: 2 of 2 replicas updated and available',
      },
    ]);
  });

  it('is not recorded while the rollout is under way, failed, or for an older applied release', async () => {
    await expect(
      recorded(applied, { ...rolledOut, state: 'progressing' }),
    ).resolves.toEqual([]);
    await expect(
      recorded(applied, { ...rolledOut, state: 'failed' }),
    ).resolves.toEqual([]);
    // The release was changed to r2 but the last reconcile applied r1 (generation behind).
    await expect(
      recorded(
        { ...applied, lastAppliedReleaseId: 'r1', observedGeneration: 1 },
        rolledOut,
      ),
    ).resolves.toEqual([]);
    await expect(
      recorded({ ...applied, state: 'failed' }, rolledOut),
    ).resolves.toEqual([]);
  });
});
