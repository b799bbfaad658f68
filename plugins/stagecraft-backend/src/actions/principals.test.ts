import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockServices } from '@backstage/backend-test-utils';
import { testCatalog } from '../__testUtils__/entities';
import { callers, setUpService } from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { sameActor } from './actorOf';

/*
 * "Someone other than the requester" must mean another person: not the same person with
 * their ref spelled differently, and not a backend or CI token, which Backstage's permission
 * client allows everything (break-glass included) unless its access is restricted.
 */

const databases = createTestDatabases();
const api = 'component:default/api';
const { ann, admin } = callers;
const ci = { credentials: mockCredentials.service('external:ci') };

/** What Backstage's ServerPermissionClient answers a service principal without restrictions. */
const servicesAllowedEverything = () =>
  mockServices.permissions.mock({
    authorize: (async (
      requests: { permission: { name: string } }[],
      o: {
        credentials: { principal: { type: string; userEntityRef?: string } };
      },
    ) =>
      requests.map(r => ({
        result:
          o.credentials.principal.type === 'service' ||
          r.permission.name !== 'stagecraft.deployment.break-glass' ||
          o.credentials.principal.userEntityRef === 'user:default/admin'
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      }))) as any,
  });

describe('sameActor', () => {
  it('compares refs the way Backstage does: kind and namespace filled in, any case', () => {
    expect(sameActor('user:default/ann', 'user:default/Ann')).toBe(true);
    expect(sameActor('user:default/ann', 'ann')).toBe(true);
    expect(sameActor('User:Default/ANN', 'user:default/ann')).toBe(true);
    expect(sameActor('user:default/ann', 'user:default/anna')).toBe(false);
    expect(sameActor('user:default/ann', 'user:other/ann')).toBe(false);
    expect(sameActor('service:external:ci', 'service:external:CI')).toBe(true);
  });
});

describe.each(databases.eachSupportedId())('approvers on %p', id => {
  async function pendingProductionRequest(
    h: Awaited<ReturnType<typeof setUpService>>,
  ) {
    await h.triggerCatalog();
    await h.actions.promote({ componentRef: api, from: 'dev' }, ann);
    const requested = await h.actions.promote(
      { componentRef: api, from: 'staging' },
      ann,
    );
    if (requested.outcome !== 'approval-requested')
      throw new Error('production should have required an approval');
    return requested.approval.id;
  }

  it('refuses the requester signed in with her ref in another letter case', async () => {
    const h = await setUpService(databases, id, {
      entities: testCatalog('shop'),
    });
    try {
      const approvalId = await pendingProductionRequest(h);
      await expect(
        h.actions.approve(
          { approvalId },
          { credentials: mockCredentials.user('user:default/Ann') },
        ),
      ).rejects.toThrow(
        new NotAllowedError(
          'pipeline rule: a promotion cannot be approved by the person who requested it (user:default/ann)',
        ),
      );
      expect(await h.approvals.get(approvalId)).toMatchObject({
        state: 'pending',
      });
      expect(await h.store.getDeployment(api, 'production')).toBeUndefined();
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('lets no service principal approve a promotion or break glass, whatever its permissions', async () => {
    const h = await setUpService(databases, id, {
      permissions: servicesAllowedEverything(),
    });
    try {
      const approvalId = await pendingProductionRequest(h);
      await expect(h.actions.approve({ approvalId }, ci)).rejects.toThrow(
        new NotAllowedError(
          'only a signed-in person may approve a promotion, and service:external:ci is a service principal',
        ),
      );
      expect(h.auditor.events.at(-1)).toMatchObject({
        eventId: 'deployment-approve',
        outcome: 'fail',
        meta: { actor: 'service:external:ci', approvalId },
      });
      await expect(
        h.actions.deploy(
          {
            componentRef: api,
            environment: 'production',
            breakGlass: { reason: 'the pipeline is slow' },
          },
          ci,
        ),
      ).rejects.toThrow(
        new NotAllowedError(
          'only a signed-in person may break glass, and service:external:ci is a service principal',
        ),
      );
      expect(await h.store.getDeployment(api, 'production')).toBeUndefined();

      // A person (admin, not the requester) still may.
      await h.actions.approve({ approvalId }, admin);
      expect(await h.store.getDeployment(api, 'production')).toMatchObject({
        desiredState: 'deployed',
      });
    } finally {
      await h.controlPlane.stop();
    }
  });
});
