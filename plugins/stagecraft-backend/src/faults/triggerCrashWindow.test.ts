import { mockServices } from '@backstage/backend-test-utils';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { DeploymentStore } from '../database/DeploymentStore';
import { StatusStore } from '../database/StatusStore';
import { component, testCatalog } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { runCatalogTrigger } from '../trigger/catalogTrigger';

const databases = createTestDatabases();

/**
 * The backend killed between the two writes of a catalog trigger deploy — the deployment and
 * its history entry committed, the catalog head not yet — and started again: the new process
 * has no memory of the previous pass and sees the same release as new. It must not deploy it
 * a second time (a second deploy entry in history, a second audit event, a new generation).
 */
describe('a catalog trigger pass cut between the deploy and the catalog head', () => {
  it('is not deployed twice by the next process', async () => {
    const knex = await databases.migrated('SQLITE_3');
    const store = new DeploymentStore(knex);
    const entities = [
      ...testCatalog('crash'),
      component('solo', 'crash', { type: 'worker' }),
    ];
    const pass = (s: DeploymentStore) =>
      runCatalogTrigger({
        catalog: new CatalogSnapshot(entities),
        store: s,
        enqueue: () => {},
        status: new StatusStore(knex),
        logger: mockServices.logger.mock(),
        auditor: mockServices.auditor.mock(),
      });
    // The process dies as it records the first catalog head, after that deploy committed.
    const dying = Object.create(store) as DeploymentStore;
    dying.setCatalogHead = async () => {
      throw new Error('SIGKILL');
    };
    await expect(pass(dying)).rejects.toThrow('SIGKILL');
    const ref = (await store.listDeployments())[0].componentRef;
    const releaseId = (await store.getDeployment(ref, 'dev'))!.releaseId;

    // A new process: no memory of the previous pass.
    await pass(store);

    const history = await store.listHistory(ref);
    expect(history.map(h => [h.action, h.environment, h.releaseId])).toEqual([
      ['deploy', 'dev', releaseId],
    ]);
    expect(await store.getCatalogHead(ref)).toBe(releaseId);
    expect(await store.getDeployment(ref, 'dev')).toMatchObject({
      releaseId,
      desiredState: 'deployed',
      generation: 1,
    });
  });
});
