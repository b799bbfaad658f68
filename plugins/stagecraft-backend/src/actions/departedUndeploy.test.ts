import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { testCatalog } from '../__testUtils__/entities';
import {
  callers,
  permissionsDenying,
  promoteToProduction,
  setUpService,
} from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const api = 'component:default/api';
const { ann, carol } = callers;
const withoutApi = testCatalog('shop').filter(e => e.metadata.name !== 'api');

/*
 * A component deleted from the catalog on purpose leaves its deployments running (a release
 * compiles without its entity). Undeploy is the one change allowed for it, with the same
 * permission checks; every other change still needs the component in the catalog.
 */
describe('a component that left the catalog', () => {
  it('can be undeployed, with the same permission checks', async () => {
    const h = await setUpService(databases, 'SQLITE_3', {
      permissions: permissionsDenying({
        'user:default/carol': ['stagecraft.deployment.undeploy'],
      }),
    });
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      h.setEntities(withoutApi);
      const dev = { componentRef: api, environment: 'dev' };

      await expect(h.actions.undeploy(dev, carol)).rejects.toThrow(
        NotAllowedError,
      );
      await expect(h.actions.undeploy(dev, ann)).resolves.toMatchObject({
        desiredState: 'undeployed',
      });
      await h.controlPlane.idle();
      // Its neighbour (worker) is re-planned after it too.
      expect(
        h.plane.requests.filter(r => r.component === 'api' && r.undeploy),
      ).toEqual([expect.objectContaining({ project: 'shop', manifests: [] })]);
      // Only undeploy: a redeploy still needs the component in the catalog.
      await expect(h.actions.redeploy(dev, ann)).rejects.toThrow(
        `${api} is not in the catalog`,
      );
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('still needs the production permission in a gated stage, and a deployment to undeploy', async () => {
    const h = await setUpService(databases, 'SQLITE_3', {
      permissions: permissionsDenying({
        'user:default/carol': ['stagecraft.deployment.production'],
      }),
    });
    try {
      await promoteToProduction(h, api);
      await h.controlPlane.idle();
      h.setEntities(withoutApi);
      await expect(
        h.actions.undeploy(
          { componentRef: api, environment: 'production' },
          carol,
        ),
      ).rejects.toThrow(
        `stagecraft.deployment.production on ${api} is not permitted`,
      );
      await expect(
        h.actions.undeploy(
          {
            componentRef: 'component:default/never-deployed',
            environment: 'dev',
          },
          ann,
        ),
      ).rejects.toThrow(NotFoundError);
    } finally {
      await h.controlPlane.stop();
    }
  });
});
