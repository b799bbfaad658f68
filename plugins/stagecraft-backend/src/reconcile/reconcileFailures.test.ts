import { mockServices } from '@backstage/backend-test-utils';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { EmptySetError } from '../apply/errors';
import {
  DeploymentKey,
  deploymentKeyString,
} from '../deployment/DeploymentKey';

// How a reconcile's failures are recorded and whether the queue tries again: a failure no
// retry can fix is recorded once and not retried with backoff; one a retry may fix is recorded
// and retried. Backoff is 50 ms here, so a retried key runs several times within a test. The
// waits are for states (the queue idle, a status), never for a time the machine's speed
// would decide.

const databases = createTestDatabases();
const api: DeploymentKey = {
  componentRef: 'component:default/api',
  environment: 'dev',
};
const BACKOFF_MS = 50;
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
    options: { backoff: { baseMs: BACKOFF_MS, maxMs: BACKOFF_MS } },
  });
  h.controlPlane.start();
  await h.triggerCatalog();
  await h.controlPlane.idle();
  /** How often `key` has started since runs.length was `before`. */
  const runsOf = (key: DeploymentKey, before: number) =>
    runs.slice(before).filter(k => k === deploymentKeyString(key)).length;
  /**
   * Reconciles `key` again and waits until the queue is idle: the run has ended and recorded
   * its status (a retry waiting for its backoff does not count as work). Says how often it
   * ran and its status; `expectNotRetried` then checks that the queue gave up on it.
   */
  const reconcile = async (key: DeploymentKey) => {
    const before = runs.length;
    const infoBefore = logger.info.mock.calls.length;
    h.controlPlane.enqueue(key);
    await h.controlPlane.idle();
    return {
      runs: runsOf(key, before),
      status: await h.status.get(key.componentRef, key.environment),
      /**
       * To call once the failure is recorded: the queue gave up on `key` instead of scheduling
       * a retry. Both are decided when the run ends, before the queue is idle, so the log says
       * which whatever the machine's speed. Then, as a check of the behaviour itself, no
       * further run starts within several backoffs (a slow machine could only make this miss
       * a retry, never fail without one).
       */
      async expectNotRetried() {
        expect(logger.info.mock.calls.slice(infoBefore)).toContainEqual([
          expect.stringContaining(
            `reconcile of ${deploymentKeyString(
              key,
            )} cannot succeed as it is, not retrying: `,
          ),
        ]);
        expect(logger.warn).not.toHaveBeenCalledWith(
          expect.stringContaining('retrying with backoff'),
        );
        await wait(10 * BACKOFF_MS);
        expect(runsOf(key, before)).toBe(1);
      },
    };
  };
  return { ...h, plane, logger, reconcile, runsOf, runs };
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
      const { runs, status, expectNotRetried } = await h.reconcile(api);
      expect(runs).toBe(1);
      expect(status).toMatchObject({
        state: 'failed',
        reason: expect.stringContaining('no ComponentType "no-such-type"'),
      });
      expect(h.logger.warn).not.toHaveBeenCalled();
      await expectNotRetried();
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('records a set the data plane refuses as empty and does not retry it', async () => {
    const h = await setUp();
    try {
      h.plane.failWith = new EmptySetError(2);
      const { runs, status, expectNotRetried } = await h.reconcile(api);
      expect(runs).toBe(1);
      expect(status).toMatchObject({
        state: 'failed',
        reason:
          'sync to gitops target "local" failed: refusing to prune all 2 object(s) of the deployment: the new set is empty; undeploy explicitly instead',
      });
      // The last good release stays recorded.
      expect(status?.lastAppliedReleaseId).toEqual(expect.any(String));
      await expectNotRetried();
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('records a release snapshot it cannot read instead of retrying it', async () => {
    const h = await setUp();
    try {
      const releaseId = await unreadableRelease(h, 'deployed');
      const { runs, status, expectNotRetried } = await h.reconcile(api);
      expect(runs).toBe(1);
      expect(status).toMatchObject({
        state: 'failed',
        reason: `release ${releaseId} cannot be read: release snapshot has no component; it cannot be compiled`,
      });
      await expectNotRetried();
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('records an undeploy whose release cannot be read instead of retrying it', async () => {
    const h = await setUp();
    try {
      const releaseId = await unreadableRelease(h, 'undeployed');
      const { runs, status, expectNotRetried } = await h.reconcile(api);
      expect(runs).toBe(1);
      expect(status).toMatchObject({
        state: 'failed',
        reason: `cannot undeploy: release ${releaseId} cannot be read (its snapshot has no component)`,
      });
      await expectNotRetried();
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('records a failure a retry may fix, retries it with backoff and then records success', async () => {
    const h = await setUp();
    try {
      h.plane.failWith = new Error('connect ECONNREFUSED 127.0.0.1:6443');
      const before = h.runs.length;
      h.controlPlane.enqueue(api);
      // Retried with backoff: a third run, nobody queueing it again, still recording the failure.
      const failing = await eventually(
        async () => ({
          runs: h.runsOf(api, before),
          status: await h.status.get(api.componentRef, api.environment),
        }),
        f => f.runs > 2 && f.status?.state === 'failed',
        'api to fail and be retried at least twice',
      );
      expect(failing.status).toMatchObject({
        state: 'failed',
        reason:
          'sync to gitops target "local" failed: connect ECONNREFUSED 127.0.0.1:6443',
      });
      expect(h.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('retrying with backoff'),
      );
      h.plane.failWith = undefined;
      // The next retry, due within a backoff, succeeds.
      await eventually(
        () => h.status.get(api.componentRef, api.environment),
        s => s?.state === 'synced',
        'a retry to succeed and record api synced',
      );
    } finally {
      await h.controlPlane.stop();
    }
  });
});
