import { NotAllowedError } from '@backstage/errors';
import { testCatalog } from '../__testUtils__/entities';
import {
  callers,
  permissionsDenying,
  promoteToProduction,
  setUpService,
  withEnvironment,
} from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const api = 'component:default/api';
const { ann, carol } = callers;

describe.each(databases.eachSupportedId())('authorization on %p', id => {
  it('needs the production permission for every change of an approval-gated stage, flagged production or not', async () => {
    // The gate comes from the pipeline: this production is not flagged `spec.production`.
    const entities = withEnvironment(testCatalog('shop'), 'production', {
      production: false,
    });
    const h = await setUpService(databases, id, {
      entities,
      permissions: permissionsDenying({
        'user:default/carol': ['stagecraft.deployment.production'],
      }),
    });
    try {
      const r1 = await promoteToProduction(h, api);
      const production = { componentRef: api, environment: 'production' };
      const refusal = new NotAllowedError(
        `stagecraft.deployment.production on ${api} is not permitted`,
      );

      await expect(h.actions.undeploy(production, carol)).rejects.toThrow(
        refusal,
      );
      await expect(h.actions.redeploy(production, carol)).rejects.toThrow(
        refusal,
      );
      await expect(
        h.actions.rollback({ ...production, releaseId: r1 }, carol),
      ).rejects.toThrow(refusal);
      expect(h.auditor.events.slice(-3)).toEqual([
        expect.objectContaining({
          eventId: 'deployment-undeploy',
          outcome: 'fail',
        }),
        expect.objectContaining({
          eventId: 'deployment-redeploy',
          outcome: 'fail',
        }),
        expect.objectContaining({
          eventId: 'deployment-rollback',
          outcome: 'fail',
        }),
      ]);
      await expect(
        h.store.getDeployment(api, 'production'),
      ).resolves.toMatchObject({ desiredState: 'deployed', generation: 1 });

      // Outside the gated stage carol's permissions suffice; with it, ann may undeploy.
      await expect(
        h.actions.undeploy({ componentRef: api, environment: 'dev' }, carol),
      ).resolves.toMatchObject({ desiredState: 'undeployed' });
      await expect(h.actions.undeploy(production, ann)).resolves.toMatchObject({
        desiredState: 'undeployed',
      });
    } finally {
      await h.controlPlane.stop();
    }
  });
});
