import { NotAllowedError } from '@backstage/errors';
import { testCatalog } from '../__testUtils__/entities';
import {
  callers,
  permissionsDenying,
  setUpService,
} from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const api = 'component:default/api';
const { ann, bob, carol } = callers;

describe.each(databases.eachSupportedId())('authorizeDeploy on %p', id => {
  it("refuses whom deploy refuses, with deploy's own refusal", async () => {
    const h = await setUpService(databases, id, {
      entities: testCatalog('shop'),
      permissions: permissionsDenying({
        'user:default/bob': ['stagecraft.deployment.deploy'],
        'user:default/carol': ['stagecraft.deployment.production'],
      }),
    });
    try {
      const dev = { componentRef: api, environment: 'dev' };
      const production = { componentRef: api, environment: 'production' };
      const noDeploy = new NotAllowedError(
        `stagecraft.deployment.deploy on ${api} is not permitted`,
      );
      await expect(h.actions.authorizeDeploy(dev, bob)).rejects.toThrow(
        noDeploy,
      );
      await expect(h.actions.deploy(dev, bob)).rejects.toThrow(noDeploy);
      await expect(
        h.actions.authorizeDeploy(production, carol),
      ).rejects.toThrow(
        new NotAllowedError(
          `stagecraft.deployment.production on ${api} is not permitted`,
        ),
      );
      await expect(
        h.actions.authorizeDeploy(
          { componentRef: api, environment: 'moon' },
          ann,
        ),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(h.actions.authorizeDeploy(dev, carol)).resolves.toBe(
        undefined,
      );
      await expect(h.actions.authorizeDeploy(production, ann)).resolves.toBe(
        undefined,
      );
    } finally {
      await h.controlPlane.stop();
    }
  });
});
