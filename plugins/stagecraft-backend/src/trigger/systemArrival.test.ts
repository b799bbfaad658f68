import { mockCredentials } from '@backstage/backend-test-utils';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';

// A project is a System entity: a component whose System is not in the catalog does not
// compile. When the System arrives (or leaves), the components of the project compile
// differently although no release of theirs changed, so the catalog trigger re-plans at once
// instead of leaving them failed until the periodic resync.

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const api = 'component:default/api';

describe('a System arriving in the catalog', () => {
  it('re-plans the components that failed without it at once', async () => {
    const withSystem = testCatalog('shop');
    const withoutSystem = withSystem.filter(e => e.kind !== 'System');
    const harness = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: withoutSystem,
      dataPlanes: new Map([['local', new RecordingDataPlane()]]),
    });
    harness.controlPlane.start();
    const devStatus = async () =>
      (
        await harness.actions.getDeployment(
          { componentRef: api, environment: 'dev' },
          ann,
        )
      ).sync;
    try {
      await harness.triggerCatalog();
      await harness.controlPlane.idle();
      await expect(devStatus()).resolves.toMatchObject({
        state: 'failed',
        reason: expect.stringContaining(
          'names system:default/shop in spec.system, which is not in the catalog',
        ),
      });

      harness.setEntities(withSystem);
      await harness.triggerCatalog();
      await harness.controlPlane.idle();
      await expect(devStatus()).resolves.toMatchObject({ state: 'synced' });
    } finally {
      await harness.controlPlane.stop();
    }
  });
});
