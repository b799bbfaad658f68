import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const api = 'component:default/api';
const ann = { credentials: mockCredentials.user('user:default/ann') };
const bob = { credentials: mockCredentials.user('user:default/bob') };

async function setUp(
  id: Parameters<typeof databases.migrated>[0],
  permissions = mockServices.permissions(),
) {
  const plane = new RecordingDataPlane();
  const harness = createControlPlaneHarness({
    knex: await databases.migrated(id),
    entities: testCatalog('shop'),
    dataPlanes: new Map([['local', plane]]),
    permissions,
  });
  harness.controlPlane.start();
  return { ...harness, plane };
}

describe.each(databases.eachSupportedId())('DeploymentService on %p', id => {
  it('deploys new catalog intent to the first environment and promotes it through the pipeline', async () => {
    const h = await setUp(id);
    try {
      const first = await h.triggerCatalog();
      expect(first).toMatchObject({ released: 2, deployed: 2 });
      await h.controlPlane.idle();
      const [dev] = await h.actions.listDeployments(api, ann);
      expect(dev).toMatchObject({
        environment: 'dev',
        target: 'local',
        desiredState: 'deployed',
        updatedBy: 'stagecraft:catalog-trigger',
        sync: { state: 'synced', revision: expect.any(String) },
      });
      // The worker depends on the API: deployed together, no pending connection.
      expect(
        (
          await h.actions.getDeployment(
            { componentRef: 'component:default/worker', environment: 'dev' },
            ann,
          )
        ).pendingConnections,
      ).toEqual([]);

      // Unchanged intent: no new release, no new deploy.
      await expect(h.triggerCatalog()).resolves.toMatchObject({ released: 0 });

      const promoted = await h.actions.promote(
        { componentRef: api, from: 'dev' },
        ann,
      );
      expect(promoted).toMatchObject({
        outcome: 'deployed',
        deployment: {
          environment: 'staging',
          releaseId: dev.releaseId,
          sync: { state: 'pending' },
        },
      });
      await h.controlPlane.idle();
      await expect(
        h.actions.getDeployment(
          { componentRef: api, environment: 'staging' },
          ann,
        ),
      ).resolves.toMatchObject({
        sync: { state: 'synced', lastAppliedReleaseId: dev.releaseId },
      });
      const staging = h.plane.requests.filter(
        r => r.key.environment === 'staging',
      );
      expect(staging).toHaveLength(1);
      expect(
        staging[0].manifests.every(
          m => m.metadata.namespace === 'shop-staging',
        ),
      ).toBe(true);

      const history = await h.actions.listHistory(api, undefined, ann);
      expect(history.map(e => [e.action, e.environment, e.actor])).toEqual([
        ['promote', 'staging', 'user:default/ann'],
        ['deploy', 'dev', 'stagecraft:catalog-trigger'],
      ]);
      expect(h.auditor.events).toContainEqual({
        eventId: 'deployment-promote',
        severityLevel: 'medium',
        meta: {
          actor: 'user:default/ann',
          componentRef: api,
          from: 'dev',
          environment: 'staging',
          requiresApproval: false,
          outcome: 'deployed',
          releaseId: dev.releaseId,
        },
        outcome: 'success',
      });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('asks for approval into production; the requester cannot approve, someone else can', async () => {
    const h = await setUp(id);
    try {
      await h.triggerCatalog();
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);
      const requested = await h.actions.promote(
        { componentRef: api, from: 'staging' },
        ann,
      );
      if (requested.outcome !== 'approval-requested')
        throw new Error('expected an approval request');
      expect(requested.approval).toMatchObject({
        state: 'pending',
        requestedBy: 'user:default/ann',
        environment: 'production',
      });
      await expect(
        h.actions.getDeployment(
          { componentRef: api, environment: 'production' },
          ann,
        ),
      ).rejects.toThrow(NotFoundError);

      await expect(
        h.actions.approve({ approvalId: requested.approval.id }, ann),
      ).rejects.toThrow(NotAllowedError);
      const approved = await h.actions.approve(
        { approvalId: requested.approval.id, comment: 'ship it' },
        bob,
      );
      expect(approved).toMatchObject({
        state: 'approved',
        decidedBy: 'user:default/bob',
        comment: 'ship it',
      });
      await h.controlPlane.idle();
      await expect(
        h.actions.getDeployment(
          { componentRef: api, environment: 'production' },
          ann,
        ),
      ).resolves.toMatchObject({
        updatedBy: 'user:default/bob',
        sync: { state: 'synced' },
      });
      const history = await h.actions.listHistory(api, 'production', ann);
      expect(history.map(e => [e.action, e.actor])).toEqual([
        ['promote', 'user:default/bob'],
        ['request-approval', 'user:default/ann'],
      ]);

      // A denied request changes nothing.
      const again = await h.actions.promote(
        { componentRef: api, from: 'staging' },
        ann,
      );
      expect(again.outcome).toBe('approval-requested');
      if (again.outcome !== 'approval-requested')
        throw new Error('expected an approval request');
      await expect(
        h.actions.deny(
          { approvalId: again.approval.id, comment: 'freeze' },
          bob,
        ),
      ).resolves.toMatchObject({ state: 'denied' });
      await expect(
        h.actions.approve({ approvalId: again.approval.id }, bob),
      ).rejects.toThrow('already denied');
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('rolls back to an earlier release, redeploys and undeploys', async () => {
    const h = await setUp(id);
    try {
      await h.triggerCatalog();
      const [r1] = await h.actions.listReleases(api, ann);
      h.setEntities(
        testCatalog('shop').map(e =>
          e.metadata.name === 'api' && e.kind === 'Component'
            ? component('api', 'shop', {
                type: 'service',
                image: 'registry.example/api:2',
              })
            : e,
        ),
      );
      await expect(h.triggerCatalog()).resolves.toMatchObject({
        released: 1,
        deployed: 1,
      });
      await h.controlPlane.idle();
      const dev = { componentRef: api, environment: 'dev' };
      const current = await h.actions.getDeployment(dev, ann);
      expect(current.image).toBe('registry.example/api:2');

      const rolledBack = await h.actions.rollback(
        { ...dev, releaseId: r1.id },
        ann,
      );
      expect(rolledBack.releaseId).toBe(r1.id);
      await h.controlPlane.idle();
      const lastSync = h.plane.requests
        .filter(r => r.key.componentRef === api)
        .at(-1)!;
      const deployment = lastSync.manifests.find(
        m => m.kind === 'Deployment',
      ) as any;
      expect(deployment.spec.template.spec.containers[0].image).toBe(
        'registry.example/api:1',
      );

      await expect(
        h.actions.rollback({ ...dev, releaseId: 'f'.repeat(64) }, ann),
      ).rejects.toThrow(NotFoundError);

      const redeployed = await h.actions.redeploy(dev, ann);
      expect(redeployed.generation).toBe(rolledBack.generation + 1);

      await h.actions.undeploy(dev, ann);
      await h.controlPlane.idle();
      // (The worker, a consumer of the API, is re-planned after it: find the API's own sync.)
      expect(
        h.plane.requests.filter(r => r.key.componentRef === api).at(-1),
      ).toMatchObject({
        undeploy: true,
        manifests: [],
      });
      await expect(h.actions.getDeployment(dev, ann)).resolves.toMatchObject({
        desiredState: 'undeployed',
        sync: { state: 'synced' },
      });
      expect(
        (await h.actions.listHistory(api, 'dev', ann)).map(e => e.action),
      ).toEqual(['undeploy', 'redeploy', 'rollback', 'deploy', 'deploy']);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('reports invalid intent as failed and syncs nothing of it', async () => {
    const h = await setUp(id);
    try {
      h.setEntities(
        testCatalog('shop').map(e =>
          e.metadata.name === 'api' && e.kind === 'Component'
            ? component('api', 'shop', { type: 'no-such-type' })
            : e,
        ),
      );
      await h.triggerCatalog();
      await h.controlPlane.idle();
      await expect(
        h.actions.getDeployment({ componentRef: api, environment: 'dev' }, ann),
      ).resolves.toMatchObject({
        sync: {
          state: 'failed',
          reason: expect.stringContaining('no ComponentType "no-such-type"'),
        },
      });
      expect(h.plane.requests.filter(r => r.key.componentRef === api)).toEqual(
        [],
      );
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('checks each action, and production separately, with the component as resource', async () => {
    const authorize = jest.fn(async (requests: any[]) =>
      requests.map(r => ({
        result:
          r.permission.name === 'stagecraft.deployment.production'
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
      })),
    );
    const h = await setUp(
      id,
      mockServices.permissions.mock({ authorize: authorize as any }),
    );
    try {
      await h.triggerCatalog();
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);
      expect(authorize).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({
              name: 'stagecraft.deployment.promote',
            }),
            resourceRef: api,
          },
        ],
        { credentials: ann.credentials },
      );
      await expect(
        h.actions.promote({ componentRef: api, from: 'staging' }, ann),
      ).rejects.toThrow(
        'stagecraft.deployment.production on component:default/api is not permitted',
      );
      // Refused before anything was requested: the event says which way the promotion
      // went (it needs an approval), never an outcome it did not have.
      expect(h.auditor.events.at(-1)).toMatchObject({
        eventId: 'deployment-promote',
        meta: { requiresApproval: true, environment: 'production' },
        outcome: 'fail',
      });
      expect(h.auditor.events.at(-1)!.meta).not.toHaveProperty('outcome');

      authorize.mockImplementation(async (requests: any[]) =>
        requests.map(() => ({ result: AuthorizeResult.DENY })),
      );
      await expect(
        h.actions.undeploy({ componentRef: api, environment: 'dev' }, ann),
      ).rejects.toThrow(NotAllowedError);
      await expect(h.actions.listDeployments(api, ann)).rejects.toThrow(
        NotAllowedError,
      );
      // Without read permission nothing leaks: not whether a component exists, nor
      // which component an approval request belongs to.
      await expect(
        h.actions.listDeployments('component:default/nope', ann),
      ).rejects.toThrow(NotAllowedError);
      await expect(
        h.actions.promote({ componentRef: api, from: 'nope' }, ann),
      ).rejects.toThrow(NotAllowedError);
      const [release] = await h.store.listReleases(api);
      const { request: hidden } = await h.approvals.request({
        componentRef: api,
        environment: 'production',
        fromEnvironment: 'staging',
        releaseId: release.id,
        requestedBy: 'user:default/bob',
      });
      await expect(
        h.actions.approve({ approvalId: hidden.id }, ann),
      ).rejects.toThrow(`no approval request ${hidden.id}`);
      expect((await h.store.getDeployment(api, 'dev'))?.desiredState).toBe(
        'deployed',
      );
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('lists an environment’s deployments of the components the caller may read, in one permission call', async () => {
    const authorize = jest.fn(async (requests: any[]) =>
      requests.map(r => ({
        result:
          r.resourceRef === api ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      })),
    );
    const h = await setUp(
      id,
      mockServices.permissions.mock({ authorize: authorize as any }),
    );
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      authorize.mockClear();

      const deployments = await h.actions.listEnvironmentDeployments(
        'dev',
        ann,
      );

      expect(deployments.map(d => [d.componentRef, d.environment])).toEqual([
        [api, 'dev'],
      ]);
      expect(authorize).toHaveBeenCalledTimes(1);
      expect(authorize.mock.calls[0][0]).toEqual([
        expect.objectContaining({ resourceRef: api }),
        expect.objectContaining({ resourceRef: 'component:default/worker' }),
      ]);
      await expect(
        h.actions.listEnvironmentDeployments('staging', ann),
      ).resolves.toEqual([]);
      await expect(
        h.actions.listEnvironmentDeployments('qa', ann),
      ).rejects.toThrow('environment "qa" is not in the catalog');
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('rejects unknown components, environments and stages clearly', async () => {
    const h = await setUp(id);
    try {
      await h.triggerCatalog();
      await expect(
        h.actions.listDeployments('component:default/nope', ann),
      ).rejects.toThrow(NotFoundError);
      await expect(
        h.actions.deploy({ componentRef: api, environment: 'qa' }, ann),
      ).rejects.toThrow('environment "qa" is not in the catalog');
      await expect(
        h.actions.promote({ componentRef: api, from: 'production' }, ann),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message:
          '"production" is the last stage of component:default/api\'s pipeline: there is nothing to promote to',
      });
      await expect(
        h.actions.promote({ componentRef: api, from: 'qa' }, ann),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message:
          'pipeline rule: "qa" is not a stage of component:default/api\'s pipeline (dev → staging → production), so nothing of it can be deployed there',
      });
    } finally {
      await h.controlPlane.stop();
    }
  });
});
