import { mockCredentials } from '@backstage/backend-test-utils';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';

// A reconcile stores the deployment's inventory only when the set changed: most reconciles
// after the first (drift, re-plans, resyncs) apply the same objects, and the write was one of
// the statements every reconcile sent.

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const api = { componentRef: 'component:default/api', environment: 'dev' };

describe('the inventory a reconcile stores', () => {
  it('is written when the set changes and left alone when it does not', async () => {
    const plane = new RecordingDataPlane();
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: testCatalog('shop'),
      dataPlanes: new Map([['local', plane]]),
      options: { backoff: { baseMs: 60_000, maxMs: 60_000 } },
    });
    const saves = jest.spyOn(h.store, 'saveInventory');
    h.controlPlane.start();
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const first = saves.mock.calls.filter(
        ([ref, env]) => ref === api.componentRef && env === api.environment,
      );
      expect(first).toHaveLength(1);
      const inventory = await h.store.getInventory(
        api.componentRef,
        api.environment,
      );
      expect(inventory.length).toBeGreaterThan(0);

      saves.mockClear();
      h.controlPlane.enqueue(api);
      await h.controlPlane.idle();
      expect(plane.requests.length).toBeGreaterThan(1);
      expect(saves).not.toHaveBeenCalled();

      // Undeployed, the set is empty: that is stored.
      await h.actions.undeploy(api, ann);
      await h.controlPlane.idle();
      expect(saves).toHaveBeenCalledWith(api.componentRef, api.environment, []);
      await expect(
        h.store.getInventory(api.componentRef, api.environment),
      ).resolves.toEqual([]);
    } finally {
      await h.controlPlane.stop();
    }
  });
});
