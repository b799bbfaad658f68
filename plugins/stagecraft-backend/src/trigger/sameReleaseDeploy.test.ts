import { testCatalog } from '../__testUtils__/entities';
import { callers, setUpService } from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CATALOG_ACTOR } from './catalogTrigger';

// The golden path's "New service": the component's registration makes the catalog trigger
// deploy its first release to dev, and the template's stagecraft:deploy then asks for that same
// release there. The second deploy changes nothing, so it must not read as a second deploy in
// the Deploy tab's history; an explicit redeploy still does.

const databases = createTestDatabases();
const api = 'component:default/api';
const dev = { componentRef: api, environment: 'dev' };
const { ann } = callers;

describe('a deploy of the release a deployment already has', () => {
  it('answers the deployment unchanged, with one history entry and an audit event that says so', async () => {
    const h = await setUpService(databases, 'SQLITE_3', {
      entities: testCatalog('shop'),
    });
    try {
      await h.triggerCatalog();
      const [release] = await h.store.listReleases(api);
      const before = await h.store.getDeployment(api, 'dev');
      expect(before).toMatchObject({ releaseId: release.id });

      const answered = await h.actions.deploy(dev, ann);

      expect(answered).toMatchObject({
        releaseId: release.id,
        generation: before!.generation,
      });
      expect(await h.store.getDeployment(api, 'dev')).toMatchObject({
        generation: before!.generation,
      });
      expect(
        (await h.store.listHistory(api, 'dev')).map(e => [e.action, e.actor]),
      ).toEqual([['deploy', CATALOG_ACTOR]]);
      expect(
        h.auditor.events.filter(
          e =>
            e.eventId === 'deployment-deploy' && e.meta.actor !== CATALOG_ACTOR,
        ),
      ).toEqual([
        expect.objectContaining({
          outcome: 'success',
          meta: expect.objectContaining({
            ...dev,
            actor: 'user:default/ann',
            releaseId: release.id,
            unchanged: true,
          }),
        }),
      ]);

      // A redeploy is a deliberate re-apply: recorded, a new generation.
      const redeployed = await h.actions.redeploy(dev, ann);
      expect(redeployed.generation).toBe(before!.generation + 1);
      expect(
        (await h.store.listHistory(api, 'dev')).map(e => [e.action, e.actor]),
      ).toEqual([
        ['redeploy', 'user:default/ann'],
        ['deploy', CATALOG_ACTOR],
      ]);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('still records a deploy of the same release into an undeployed deployment', async () => {
    const h = await setUpService(databases, 'SQLITE_3');
    try {
      await h.triggerCatalog();
      await h.actions.undeploy(dev, ann);
      const back = await h.actions.deploy(dev, ann);
      expect(back.desiredState).toBe('deployed');
      expect(
        (await h.store.listHistory(api, 'dev')).map(e => e.action),
      ).toEqual(['deploy', 'undeploy', 'deploy']);
    } finally {
      await h.controlPlane.stop();
    }
  });
});
