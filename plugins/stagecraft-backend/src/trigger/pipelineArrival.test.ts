import { mockCredentials } from '@backstage/backend-test-utils';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';

// A catalog filling up (restored from an empty database, a first start) may serve components
// before their pipeline. The trigger then records their release without deploying it (there is
// no first stage yet); when the pipeline arrives, the release is unchanged, so only this rule
// deploys it — before it, those components were never deployed until their intent changed.

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const api = 'component:default/api';

describe('a pipeline arriving after its components', () => {
  it('deploys the components released without it, once, and never one undeployed since', async () => {
    const full = testCatalog('shop');
    const harness = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: full.filter(e => e.kind !== 'DeploymentPipeline'),
      dataPlanes: new Map([['local', new RecordingDataPlane()]]),
    });
    harness.controlPlane.start();
    try {
      expect(await harness.triggerCatalog()).toMatchObject({
        released: 2,
        deployed: 0,
      });
      expect(await harness.store.listDeployments()).toEqual([]);

      harness.setEntities(full);
      expect(await harness.triggerCatalog()).toMatchObject({
        released: 0,
        deployed: 2,
      });
      await harness.controlPlane.idle();
      const dev = { componentRef: api, environment: 'dev' };
      await expect(
        harness.actions.getDeployment(dev, ann),
      ).resolves.toMatchObject({
        desiredState: 'deployed',
        sync: { state: 'synced' },
      });

      // Undeployed on purpose, then the platform changes again: not deployed back.
      await harness.actions.undeploy(dev, ann);
      harness.setEntities(full.filter(e => e.metadata.name !== 'production'));
      expect(await harness.triggerCatalog()).toMatchObject({ deployed: 0 });
      await expect(
        harness.store.getDeployment(api, 'dev'),
      ).resolves.toMatchObject({ desiredState: 'undeployed' });
    } finally {
      await harness.controlPlane.stop();
    }
  });
});
