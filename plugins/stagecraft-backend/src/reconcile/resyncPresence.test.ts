import { KubeConfig } from '@kubernetes/client-node';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import type { LiveStateCache } from '../apply/LiveStateCache';
import { deploymentKeyString } from '../deployment/DeploymentKey';
import { LiveCluster } from '../targets/DataPlane';

// The periodic resync after a component arrived in or left an environment: it re-plans the
// deployments whose plans read that component, not every deployment of the environment.

const databases = createTestDatabases();
const dev = (name: string) => `component:default/${name}@dev`;

/**
 * A recording data plane whose cluster cache says every object is as applied: what the drift
 * watches report while nobody touches the cluster, so only the resync's own rules decide.
 */
class AtRestDataPlane extends RecordingDataPlane {
  readonly cluster: LiveCluster = {
    kubeConfig: new KubeConfig(),
    liveState: { recall: () => 'up-to-date' } as unknown as LiveStateCache,
    observeWorkloads: async () => undefined,
  };
}

describe('the resync after an arrival or a departure', () => {
  it('queues the deployment that changed and the neighbours that read it, not bystanders', async () => {
    const started: string[] = [];
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      // worker uses api's endpoint; audit neither serves nor uses one.
      entities: [
        ...testCatalog('shop'),
        component('audit', 'shop', { type: 'service' }),
      ],
      dataPlanes: new Map([['local', new AtRestDataPlane()]]),
      observer: { started: key => started.push(deploymentKeyString(key)) },
    });
    h.controlPlane.start();
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const deployed = (await h.store.listDeployments({ environment: 'dev' }))
        .map(d => deploymentKeyString(d))
        .sort();
      expect(deployed).toEqual([dev('api'), dev('audit'), dev('worker')]);
      await expect(h.controlPlane.resync()).resolves.toBe(0);

      // The worker leaves dev with no reconcile of its own yet, and so no re-plan of its
      // neighbours: as when the replica that took the undeploy died before running it.
      const worker = (await h.store.getDeployment(
        'component:default/worker',
        'dev',
      ))!;
      await h.store.setDeployment({
        componentRef: worker.componentRef,
        environment: 'dev',
        releaseId: worker.releaseId,
        desiredState: 'undeployed',
        action: 'undeploy',
        actor: 'user:default/ann',
      });
      started.length = 0;
      await expect(h.controlPlane.resync()).resolves.toBe(2);
      await h.controlPlane.idle();
      expect(started.sort()).toEqual([dev('api'), dev('worker')]);

      // Re-planned, api read the worker's new row: nothing is left to queue.
      await expect(h.controlPlane.resync()).resolves.toBe(0);
    } finally {
      await h.controlPlane.stop();
    }
  });
});
