import { KubeConfig } from '@kubernetes/client-node';
import { testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import type { Deployment } from '../database/DeploymentStore';
import type { StoredStatus } from '../database/StatusStore';
import type {
  DataPlane,
  LiveCluster,
  WorkloadObservation,
} from '../targets/DataPlane';
import { observeDeploymentStatus } from './observeDeploymentStatus';

// Status observation asks the data plane's live cluster, whatever class implements it; a target
// without one (GitOps) reports the stored outcome only.

const catalog = new CatalogSnapshot(testCatalog('shop'));
const deployment: Deployment = {
  componentRef: 'component:default/api',
  environment: 'dev',
  releaseId: 'r1',
  overrides: {},
  desiredState: 'deployed',
  generation: 1,
  updatedBy: 'user:default/ann',
  updatedAt: new Date(0),
};
const stored: StoredStatus = {
  componentRef: deployment.componentRef,
  environment: 'dev',
  state: 'synced',
  reason: 'applied release r1',
  observedGeneration: 1,
  urls: [],
  pendingConnections: [],
  updatedAt: new Date(0),
};
const inventory = [
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    namespace: 'shop-dev',
    name: 'api',
  },
];

function observe(plane: DataPlane, unreadable?: Map<string, string>) {
  return observeDeploymentStatus(
    {
      store: {
        getRelease: async () => undefined,
        getInventory: async () => inventory,
      },
      status: { get: async () => stored },
      dataPlanes: new Map([['local', plane]]),
    },
    deployment,
    catalog,
    unreadable,
  );
}

/** A data plane of no known class with a live cluster that reports `observation`. */
function planeWithCluster(
  observeWorkloads: LiveCluster['observeWorkloads'],
): DataPlane & { asked: unknown[] } {
  const asked: unknown[] = [];
  const plane = new RecordingDataPlane();
  return Object.assign(plane, {
    asked,
    cluster: {
      kubeConfig: new KubeConfig(),
      observeWorkloads: (i: typeof inventory) => {
        asked.push(i);
        return observeWorkloads(i);
      },
    },
  });
}

describe('observeDeploymentStatus', () => {
  it('refines the stored outcome by the rollout of any plane with a live cluster', async () => {
    const rolling: WorkloadObservation = {
      state: 'progressing',
      message: 'Deployment/api: 1 of 2 updated replicas available',
      replicas: {
        desired: 2,
        ready: 1,
        updated: 2,
        available: 1,
        old: 0,
        terminating: 1,
      },
      workloads: [],
    };
    const plane = planeWithCluster(async () => rolling);
    const status = await observe(plane);
    expect(plane.asked).toEqual([inventory]);
    expect(status.sync).toMatchObject({
      state: 'progressing',
      reason: 'Deployment/api: 1 of 2 updated replicas available',
    });
    expect(status.replicas).toEqual({
      desired: 2,
      ready: 1,
      updated: 2,
      available: 1,
      old: 1,
    });
  });

  it('reports an unreachable cluster as an unknown live state, naming the cluster and the error', async () => {
    // The shape client-node's FetchError has when nothing listens on the port.
    const refused = Object.assign(
      new Error(
        'Failed to fetch resource metadata for apps/v1/Deployment: request to https://127.0.0.1:6443/apis/apps/v1 failed, reason: connect ECONNREFUSED 127.0.0.1:6443',
      ),
      { code: 'ECONNREFUSED', type: 'system' },
    );
    const status = await observe(
      planeWithCluster(async () => {
        throw refused;
      }),
    );
    expect(status.sync).toMatchObject({
      state: 'unknown',
      reason:
        'cluster local unreachable: connect ECONNREFUSED 127.0.0.1:6443; last reconcile: applied release r1',
      // What was applied stays on record.
      observedGeneration: 1,
    });
  });

  it('asks an unreachable cluster once per listing, and only when unreachable', async () => {
    const refused = Object.assign(
      new Error(
        'request to https://127.0.0.1:6443/apis/apps/v1 failed, reason: connect ECONNREFUSED 127.0.0.1:6443',
      ),
      { code: 'ECONNREFUSED', type: 'system' },
    );
    const down = planeWithCluster(async () => {
      throw refused;
    });
    const listing = new Map<string, string>();
    const [first, second] = [
      await observe(down, listing),
      await observe(down, listing),
    ];
    expect(down.asked).toHaveLength(1);
    expect(second.sync.reason).toBe(first.sync.reason);
    expect(second.sync.state).toBe('unknown');

    // A cluster that answers with an error is asked again for the next deployment.
    const forbidden = planeWithCluster(async () => {
      throw new Error('HTTP-Code: 403 Message: deployments.apps is forbidden');
    });
    const other = new Map<string, string>();
    await observe(forbidden, other);
    await observe(forbidden, other);
    expect(forbidden.asked).toHaveLength(2);
  });

  it('reports a cluster that answers with an error as an unknown live state too', async () => {
    const status = await observe(
      planeWithCluster(async () => {
        throw new Error(
          'HTTP-Code: 403 Message: deployments.apps is forbidden',
        );
      }),
    );
    expect(status.sync).toMatchObject({
      state: 'unknown',
      reason:
        'cluster local did not report the live state: HTTP-Code: 403 Message: deployments.apps is forbidden; last reconcile: applied release r1',
    });
  });

  it('reports the stored outcome alone for a plane without a live cluster', async () => {
    const status = await observe(new RecordingDataPlane());
    expect(status.sync).toMatchObject({
      state: 'synced',
      reason: 'applied release r1',
    });
    expect(status.replicas).toBeUndefined();
  });
});
