import { mockServices } from '@backstage/backend-test-utils';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { EmptySetError } from '../apply/errors';
import {
  DeploymentKey,
  deploymentKeyString,
} from '../deployment/DeploymentKey';

// How a reconcile's failures are recorded and whether the queue tries again: a failure no
// retry can fix is recorded once and not retried with backoff; one a retry may fix is recorded
// and retried. Backoff is 50 ms here, so a retried key runs several times in the wait below.

const databases = createTestDatabases();
const api: DeploymentKey = {
  componentRef: 'component:default/api',
  environment: 'dev',
};
const WAIT_MS = 600;
const wait = (ms: number) => new Promise(r => setTimeout(r, ms));

async function setUp() {
  const plane = new RecordingDataPlane();
  const runs: string[] = [];
  const logger = mockServices.logger.mock();
  const h = createControlPlaneHarness({
    knex: await databases.migrated('SQLITE_3'),
    entities: testCatalog('shop'),
    dataPlanes: new Map([['local', plane]]),
    logger,
    observer: { started: key => runs.push(deploymentKeyString(key)) },
    options: { backoff: { baseMs: 50, maxMs: 50 } },
  });
  h.controlPlane.start();
  await h.triggerCatalog();
  await h.controlPlane.idle();
  /** Reconciles `key` again and says how often it ran within WAIT_MS, and its status. */
  const reconcile = async (key: DeploymentKey) => {
    const before = runs.length;
    h.controlPlane.enqueue(key);
    await wait(WAIT_MS);
    return {
      runs: runs.slice(before).filter(k => k === deploymentKeyString(key))
        .length,
      status: await h.status.get(key.componentRef, key.environment),
    };
  };
  return { ...h, plane, logger, reconcile };
}

/** Points the deployment at a release whose snapshot has no component. */
async function unreadableRelease(
  h: Awaited<ReturnType<typeof setUp>>,
  desiredState: 'deployed' | 'undeployed',
) {
  const release = await h.store.createRelease({
    componentRef: api.componentRef,
    snapshot: { image: 'registry.example/api:2' },
    createdBy: 'user:default/ann',
  });
  await h.store.setDeployment({
    ...api,
    releaseId: release.id,
    desiredState,
    action: desiredState === 'deployed' ? 'deploy' : 'undeploy',
    actor: 'user:default/ann',
  });
  return release.id;
}

describe('reconcile failures', () => {
  it('records an invalid intent and does not retry it', async () => {
    const h = await setUp();
    try {
      h.setEntities(
        testCatalog('shop').map(e =>
          e.kind === 'Component' && e.metadata.name === 'api'
            ? component('api', 'shop', { type: 'no-such-type' })
            : e,
        ),
      );
      // The trigger releases the broken intent to dev and queues it.
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const { runs, status } = await h.reconcile(api);
      expect(runs).toBe(1);
      expect(status).toMatchObject({
        state: 'failed',
        reason: expect.stringContaining('no ComponentType "no-such-type"'),
      });
      expect(h.logger.warn).not.toHaveBeenCalled();
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('records a set the data plane refuses as empty and does not retry it', async () => {
    const h = await setUp();
    try {
      h.plane.failWith = new EmptySetError(2);
      const { runs, status } = await h.reconcile(api);
      expect(runs).toBe(1);
      expect(status).toMatchObject({
        state: 'failed',
        reason:
          'sync to gitops target "local" failed: refusing to prune all 2 object(s) of the deployment: the new set is empty; undeploy explicitly instead',
      });
      // The last good release stays recorded.
      expect(status?.lastAppliedReleaseId).toEqual(expect.any(String));
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('records a release snapshot it cannot read instead of retrying it', async () => {
    const h = await setUp();
    try {
      const releaseId = await unreadableRelease(h, 'deployed');
      const { runs, status } = await h.reconcile(api);
      expect(runs).toBe(1);
      expect(status).toMatchObject({
        state: 'failed',
        reason: `release ${releaseId} cannot be read: release snapshot has no component; it cannot be compiled`,
      });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('records an undeploy whose release cannot be read instead of retrying it', async () => {
    const h = await setUp();
    try {
      const releaseId = await unreadableRelease(h, 'undeployed');
      const { runs, status } = await h.reconcile(api);
      expect(runs).toBe(1);
      expect(status).toMatchObject({
        state: 'failed',
        reason: `cannot undeploy: release ${releaseId} cannot be read (its snapshot has no component)`,
      });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('records a failure a retry may fix, retries it with backoff and then records success', async () => {
    const h = await setUp();
    try {
      h.plane.failWith = new Error('connect ECONNREFUSED 127.0.0.1:6443');
      const failing = await h.reconcile(api);
      expect(failing.runs).toBeGreaterThan(2);
      expect(failing.status).toMatchObject({
        state: 'failed',
        reason:
          'sync to gitops target "local" failed: connect ECONNREFUSED 127.0.0.1:6443',
      });
      expect(h.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('retrying with backoff'),
      );
      h.plane.failWith = undefined;
      await wait(200);
      await h.controlPlane.idle();
      expect(
        await h.status.get(api.componentRef, api.environment),
      ).toMatchObject({ state: 'synced' });
    } finally {
      await h.controlPlane.stop();
    }
  });
});
