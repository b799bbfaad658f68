import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ChangeAction } from '../apply/ChangeSet';
import { SyncRequest, SyncResult } from '../targets/DataPlane';

// A deployment's status keeps the last change a reconcile applied: a later pass that changes
// nothing (the resync, a re-queue) reports that change, not "N unchanged", and only moves the
// time of the last check.

const databases = createTestDatabases();
const api = { componentRef: 'component:default/api', environment: 'dev' };

/** Reports `configured` for what differs from its last sync, `unchanged` for the rest, like an apply. */
class DiffingDataPlane extends RecordingDataPlane {
  private readonly held = new Map<string, string>();
  async sync(request: SyncRequest): Promise<SyncResult> {
    const result = await super.sync(request);
    return {
      ...result,
      changes: request.manifests.map((m, i) => {
        const ref = result.changes[i].ref;
        const before = this.held.get(ref);
        this.held.set(ref, JSON.stringify(m));
        return {
          ref,
          action:
            before === JSON.stringify(m)
              ? ChangeAction.Unchanged
              : ChangeAction.Configured,
        };
      }),
    };
  }
}

async function setUp() {
  const plane = new DiffingDataPlane();
  const h = createControlPlaneHarness({
    knex: await databases.migrated('SQLITE_3'),
    entities: testCatalog('shop'),
    dataPlanes: new Map([['local', plane]]),
    options: { backoff: { baseMs: 60_000, maxMs: 60_000 } },
  });
  h.controlPlane.start();
  await h.triggerCatalog();
  await h.controlPlane.idle();
  const status = () => h.status.get(api.componentRef, api.environment);
  return { ...h, plane, status };
}

describe('the last change in a deployment status', () => {
  it('survives a pass that changes nothing, which only moves the last check', async () => {
    const h = await setUp();
    try {
      const applied = (await h.status())!;
      expect(applied.reason).toMatch(/^applied release \w+: \d+ configured$/);
      expect(applied.lastChange).toBe(applied.reason);

      await new Promise(r => setTimeout(r, 1_100)); // SQLite stamps whole seconds
      await h.controlPlane.resync();
      await h.controlPlane.idle();
      const checked = (await h.status())!;
      expect(h.plane.requests.length).toBeGreaterThan(1);
      expect(checked).toMatchObject({
        state: 'synced',
        reason: applied.reason,
        lastChange: applied.reason,
        lastChangeAt: applied.lastChangeAt,
      });
      expect(checked.syncedAt!.getTime()).toBeGreaterThan(
        applied.syncedAt!.getTime(),
      );
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('comes back after a failed pass once a pass succeeds without changing anything', async () => {
    const h = await setUp();
    try {
      const applied = (await h.status())!;
      h.plane.failWith = new Error('connect ECONNREFUSED 127.0.0.1:6443');
      h.controlPlane.enqueue(api);
      await h.controlPlane.idle();
      expect((await h.status())!.state).toBe('failed');

      h.plane.failWith = undefined;
      h.controlPlane.enqueue(api);
      await h.controlPlane.idle();
      expect(await h.status()).toMatchObject({
        state: 'synced',
        reason: applied.reason,
      });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('records an undeploy, even one that finds nothing to delete, as a change of its own', async () => {
    const h = await setUp();
    try {
      const deployed = (await h.store.getDeployment(
        api.componentRef,
        api.environment,
      ))!;
      await h.store.setDeployment({
        ...api,
        releaseId: deployed.releaseId,
        desiredState: 'undeployed',
        action: 'undeploy',
        actor: 'user:default/ann',
      });
      h.controlPlane.enqueue(api);
      await h.controlPlane.idle();
      const undeployed = (await h.status())!;
      expect(undeployed.reason).toBe('undeployed (nothing to do)');
      expect(undeployed.lastChange).toBe(undeployed.reason);
    } finally {
      await h.controlPlane.stop();
    }
  });
});
