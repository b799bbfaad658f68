import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DeploymentStore } from '../database/DeploymentStore';
import { LeaseStore } from '../database/LeaseStore';
import { StatusStore } from '../database/StatusStore';
import {
  DeploymentKey,
  deploymentKeyString,
} from '../deployment/DeploymentKey';
import { requeueUnclaimed } from './requeueUnclaimed';

const databases = createTestDatabases();
const TTL = 15_000;

describe.each(databases.eachSupportedId())('requeueUnclaimed on %p', id => {
  it('queues the unconverged deployments no live lease holds, and nothing else', async () => {
    const knex = await databases.migrated(id);
    const store = new DeploymentStore(knex);
    const status = new StatusStore(knex);
    let now = 1_000_000;
    const leases = new LeaseStore(knex, () => now);
    const deploy = async (name: string) => {
      const componentRef = `component:default/${name}`;
      const release = await store.createRelease({
        componentRef,
        snapshot: { image: `${name}:1` },
        createdBy: 'user:default/ann',
      });
      const d = await store.setDeployment({
        componentRef,
        environment: 'dev',
        releaseId: release.id,
        desiredState: 'deployed',
        action: 'deploy',
        actor: 'user:default/ann',
      });
      return {
        key: { componentRef, environment: 'dev' },
        generation: d.generation,
      };
    };
    const record = async (
      d: { key: DeploymentKey; generation: number },
      state: 'synced' | 'failed' | 'pending',
      observedGeneration = d.generation,
    ) => status.save({ ...d.key, state, reason: '', observedGeneration });

    // Queued on a replica that died before starting them: no status, no lease.
    const neverStarted = await deploy('never-started');
    // Cut mid-apply on the dead replica: its lease outlives it by up to a TTL.
    const cutByDeadReplica = await deploy('cut');
    await leases.tryAcquire(
      deploymentKeyString(cutByDeadReplica.key),
      'dead',
      TTL,
    );
    // Being reconciled by a live replica, which renews its lease.
    const heldByLiveReplica = await deploy('held');
    await leases.tryAcquire(
      deploymentKeyString(heldByLiveReplica.key),
      'live',
      TTL,
    );
    // Synced at an older generation than the one now desired (a re-plan, a new release).
    const behind = await deploy('behind');
    await store.setDeployment({
      ...behind.key,
      releaseId: (await store.getDeployment(behind.key.componentRef, 'dev'))!
        .releaseId,
      desiredState: 'undeployed',
      action: 'undeploy',
      actor: 'user:default/ann',
    });
    await record(behind, 'synced', behind.generation);
    const replanned = await deploy('replanned');
    await record(replanned, 'pending');
    // Converged, and failing (its retries are the work queue's backoff): left alone.
    const synced = await deploy('synced');
    await record(synced, 'synced');
    const failed = await deploy('failed');
    await record(failed, 'failed');

    const pass = async () => {
      const queued: string[] = [];
      const count = await requeueUnclaimed({
        store,
        status,
        leases,
        enqueue: key => queued.push(deploymentKeyString(key)),
      });
      expect(count).toBe(queued.length);
      return queued.sort();
    };
    const name = (d: { key: DeploymentKey }) => deploymentKeyString(d.key);

    await expect(pass()).resolves.toEqual(
      [neverStarted, behind, replanned].map(name).sort(),
    );

    // The live replica renews; the dead one cannot: after a TTL, its deployment is free.
    now += TTL / 3;
    await leases.tryAcquire(
      deploymentKeyString(heldByLiveReplica.key),
      'live',
      TTL,
    );
    now += TTL - TTL / 3 + 1;
    await leases.tryAcquire(
      deploymentKeyString(heldByLiveReplica.key),
      'live',
      TTL,
    );
    await expect(pass()).resolves.toEqual(
      [neverStarted, cutByDeadReplica, behind, replanned].map(name).sort(),
    );
  });
});
