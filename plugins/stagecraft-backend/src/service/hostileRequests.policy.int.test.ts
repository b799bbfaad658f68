import { stringifyEntityRef } from '@backstage/catalog-model';
import { describeWithCluster } from '@stagecraft/test-cluster';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  api,
  base,
  hostileCatalog,
  HostileBackend,
  startHostileBackend,
  succeeds,
  withOwnership,
} from './__testUtils__/hostileBackend';
import { expectRefused, HostileCase } from './__testUtils__/hostileCase';
import { hostPermissionPolicy } from './__testUtils__/hostPermissionPolicy';

/*
 * The hostile requests again, under the host app's real permission policy and Backstage's own
 * permission client instead of a mock: writes go to the component's owners, break-glass to
 * platform admins only, and a service principal — which Backstage's client allows every
 * permission without asking the policy — can neither approve a promotion nor break glass.
 *
 * ann and bob are in team-a, which owns the API; mallory is in team-b; admin is in the
 * platform team.
 */

const { databases } = createTestDatabases();
const claims: Record<string, string[]> = {
  'user:default/ann': ['group:default/team-a'],
  'user:default/bob': ['group:default/team-a'],
  'user:default/mallory': ['group:default/team-b'],
  'user:default/admin': ['group:default/platform-team'],
};
const ci = { service: 'external:ci' };

describeWithCluster(
  'hostile requests under the host app’s permission policy (REST, real backend and cluster)',
  () => {
    let b: HostileBackend;
    let pendingApproval: number;

    beforeAll(async () => {
      b = await startHostileBackend({
        databases,
        entities: project => withOwnership(hostileCatalog(project)),
        config: { permission: { enabled: true } },
        permissions: hostPermissionPolicy({
          platformAdmins: ['group:default/platform-team'],
          claimsOf: ref => [ref, ...(claims[ref] ?? [])],
          entity: ref =>
            b.entities.find(
              e =>
                stringifyEntityRef(e).toLocaleLowerCase('en-US') ===
                ref.toLocaleLowerCase('en-US'),
            ),
        }),
      });
      // Owners may: the catalog deploys to dev, ann promotes and asks for production.
      await b.runCatalogTrigger();
      await succeeds(b.post('ann', `${base}/promote`, { from: 'dev' }), 202);
      pendingApproval = (
        await succeeds(
          b.post('ann', `${base}/promote`, { from: 'staging' }),
          201,
        )
      ).body.approval.id;
      await b.settled();
    }, 240_000);

    afterAll(() => b?.cleanUp());

    const approve = () =>
      `/api/stagecraft/approvals/${pendingApproval}/approve`;
    const breakGlass = () => ({ breakGlass: { reason: 'INC-7: hotfix' } });
    const cases: HostileCase[] = [
      {
        name: 'a deploy by someone who does not own the component',
        caller: 'mallory',
        path: () => `${base}/deployments/dev/deploy`,
        status: 403,
        error: 'NotAllowedError',
        message: `stagecraft.deployment.deploy on ${api} is not permitted`,
        eventId: 'deployment-deploy',
      },
      {
        name: 'a promotion by someone who does not own the component',
        caller: 'mallory',
        path: () => `${base}/promote`,
        body: () => ({ from: 'dev' }),
        status: 403,
        error: 'NotAllowedError',
        message: `stagecraft.deployment.promote on ${api} is not permitted`,
        eventId: 'deployment-promote',
      },
      {
        name: 'an approval by someone who does not own the component',
        caller: 'mallory',
        path: approve,
        status: 403,
        error: 'NotAllowedError',
        message: `stagecraft.deployment.approve on ${api} is not permitted`,
        eventId: 'deployment-approve',
      },
      {
        name: 'break-glass by an owner who is no platform admin',
        caller: 'ann',
        path: () => `${base}/deployments/production/deploy`,
        body: breakGlass,
        status: 403,
        error: 'NotAllowedError',
        message: 'stagecraft.deployment.break-glass is not permitted',
        eventId: 'deployment-deploy',
      },
      {
        name: 'an approval by a service principal',
        caller: ci,
        path: approve,
        status: 403,
        error: 'NotAllowedError',
        message:
          'only a signed-in person may approve a promotion, and service:external:ci is a service principal',
        eventId: 'deployment-approve',
      },
      {
        name: 'break-glass by a service principal',
        caller: ci,
        path: () => `${base}/deployments/production/deploy`,
        body: breakGlass,
        status: 403,
        error: 'NotAllowedError',
        message:
          'only a signed-in person may break glass, and service:external:ci is a service principal',
        eventId: 'deployment-deploy',
      },
    ];

    // eslint-disable-next-line jest/expect-expect -- expectRefused asserts
    it.each(cases)('refuses $name', hostile => expectRefused(b, hostile));

    it('lets a platform admin break glass into production, marked in history', async () => {
      const response = await b.post(
        'admin',
        `${base}/deployments/production/deploy`,
        breakGlass(),
      );
      expect(response.status).toBe(202);
      await b.settled();
      const [entry] = (await b.get(`${base}/history?environment=production`))
        .body.items;
      expect(entry).toMatchObject({
        action: 'deploy',
        actor: 'user:default/admin',
        details: { breakGlass: true, reason: 'INC-7: hotfix' },
      });
    });
  },
);
