import { component, testCatalog } from '../__testUtils__/entities';
import { callers, setUpService } from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { eventually } from '../__testUtils__/eventually';

// An environment's listing (the Deploy tab's, the agents' list_projects, cost and impact) read
// each deployment's release, stored status and inventory with a query of its own: 15,000
// queries to list 5,000 deployments.

const databases = createTestDatabases();
const { ann } = callers;

describe("an environment's deployments listed", () => {
  it('are read together, not one query per deployment, and say what reading them one by one says', async () => {
    const extra = Array.from({ length: 30 }, (_, i) =>
      component(`svc-${i}`, 'shop', { type: 'service' }),
    );
    const h = await setUpService(databases, 'SQLITE_3', {
      entities: [...testCatalog('shop'), ...extra],
    });
    await h.triggerCatalog();
    // Every deployment with a stored status and an inventory of its own, so a listing that
    // gave one deployment another's rows would answer differently from the single reads.
    const deployments = await h.store.listDeployments({ environment: 'dev' });
    await eventually(
      () =>
        Promise.all(
          deployments.map(d => h.store.getInventory(d.componentRef, 'dev')),
        ),
      inventories => inventories.every(i => i.length > 0),
      'every deployment in dev applied',
    );
    // Nothing else reads the stores meanwhile.
    await h.controlPlane.stop();
    const oneByOne = [
      jest.spyOn(h.store, 'getRelease'),
      jest.spyOn(h.store, 'getInventory'),
      jest.spyOn(h.status, 'get'),
    ];

    const listed = await h.actions.listEnvironmentDeployments('dev', ann);

    expect(listed.length).toBeGreaterThan(30);
    for (const spy of oneByOne) expect(spy).not.toHaveBeenCalled();
    expect(listed.map(s => s.componentRef).sort()).toEqual(
      deployments.map(d => d.componentRef).sort(),
    );
    for (const status of listed)
      expect(
        await h.actions.getDeployment(
          { componentRef: status.componentRef, environment: 'dev' },
          ann,
        ),
      ).toEqual(status);
  });
});
