import { testCatalog } from '../__testUtils__/entities';
import { setUpService } from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';

// While a catalog ingests, intent events start a pass every few seconds, and each pass walks
// every component: one that cost queries per unchanged component made the trigger's database
// traffic grow with the catalog's size times the passes (3 queries per component at 5,000).

const databases = createTestDatabases();

/** The test catalog with the api component's intent changed. */
const withApiReplicas = (replicas: number) =>
  testCatalog('shop').map(e =>
    e.kind === 'Component' && e.metadata.name === 'api'
      ? {
          ...e,
          spec: {
            ...e.spec,
            deploy: { ...(e.spec?.deploy as object), replicas },
          },
        }
      : e,
  );
const api = 'component:default/api';

describe('a catalog trigger pass over unchanged components', () => {
  it('writes no release and reads no head component by component; a changed one still gets its release', async () => {
    const h = await setUpService(databases, 'SQLITE_3', {
      entities: testCatalog('shop'),
    });
    try {
      const first = await h.triggerCatalog();
      expect(first.released).toBeGreaterThan(0);
      const createRelease = jest.spyOn(h.store, 'createRelease');
      const getCatalogHead = jest.spyOn(h.store, 'getCatalogHead');

      const again = await h.triggerCatalog();

      expect(again).toMatchObject({ released: 0, deployed: 0 });
      expect(createRelease).not.toHaveBeenCalled();
      expect(getCatalogHead).not.toHaveBeenCalled();

      // The same comparison still sees a change in intent.
      h.setEntities(withApiReplicas(3));
      const changed = await h.triggerCatalog();
      expect(changed.released).toBe(1);
      expect(createRelease).toHaveBeenCalledTimes(1);
      const release = await createRelease.mock.results[0].value;
      expect(release.componentRef).toBe(api);
      expect(await h.store.getCatalogHead(api)).toBe(release.id);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it("reads a changed component's head again, so a release another pass recorded meanwhile is not released twice", async () => {
    const h = await setUpService(databases, 'SQLITE_3', {
      entities: testCatalog('shop'),
    });
    try {
      await h.triggerCatalog();
      const headsBefore = await h.store.listCatalogHeads();
      h.setEntities(withApiReplicas(3));
      // Another replica's pass, while this one's lease had lapsed: it records and deploys it.
      expect((await h.triggerCatalog()).released).toBe(1);
      // This pass read every head before that one wrote.
      jest
        .spyOn(h.store, 'listCatalogHeads')
        .mockResolvedValueOnce(headsBefore);

      const late = await h.triggerCatalog();

      expect(late).toMatchObject({ released: 0, deployed: 0 });
      expect(
        (await h.store.listHistory(api, 'dev')).map(e => e.action),
      ).toEqual(['deploy', 'deploy']);
    } finally {
      await h.controlPlane.stop();
    }
  });
});
