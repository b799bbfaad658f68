import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { testCatalog } from '../__testUtils__/entities';
import {
  callers,
  promoteToProduction,
  releaseNewApiImage,
  sandboxEnvironment,
  setUpService,
} from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
const api = 'component:default/api';
const { ann, bob, admin } = callers;
const target = (environment: string) => ({ componentRef: api, environment });

describe.each(databases.eachSupportedId())('the pipeline rule on %p', id => {
  it('refuses to deploy into an approval-gated stage, head or explicit release, and records the attempt', async () => {
    const h = await setUpService(databases, id);
    try {
      await h.triggerCatalog();
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);
      const inStaging = (await h.store.getDeployment(api, 'staging'))!;
      const history = await h.store.listHistory(api);

      await expect(h.actions.deploy(target('production'), ann)).rejects.toThrow(
        NotAllowedError,
      );
      expect(h.auditor.events.at(-1)).toMatchObject({
        eventId: 'deployment-deploy',
        outcome: 'fail',
        meta: { actor: 'user:default/ann', ...target('production') },
        error: expect.stringContaining(
          'pipeline rule: production requires an approved promotion',
        ),
      });
      await expect(
        h.actions.deploy(
          { ...target('production'), releaseId: inStaging.releaseId },
          ann,
        ),
      ).rejects.toThrow(
        `pipeline rule: production requires an approved promotion; promote release ${inStaging.releaseId.slice(
          0,
          12,
        )} from staging and have someone other than the requester approve it`,
      );

      await h.controlPlane.idle();
      expect(await h.store.getDeployment(api, 'production')).toBeUndefined();
      expect(await h.store.listHistory(api)).toEqual(history);
      expect(
        h.plane.requests.filter(r => r.key.environment === 'production'),
      ).toEqual([]);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('admits a release to a later stage only if it is or was deployed in the stage before', async () => {
    const entities = testCatalog('shop');
    const h = await setUpService(databases, id, { entities });
    try {
      await h.triggerCatalog();
      const r1 = (await h.store.getDeployment(api, 'dev'))!.releaseId;
      // A release recorded but never deployed anywhere (a catalog pass that failed halfway).
      const stray = await h.store.createRelease({
        componentRef: api,
        snapshot: { image: 'registry.example/api:stray' },
        createdBy: 'user:default/mallory',
      });

      await expect(
        h.actions.deploy({ ...target('staging'), releaseId: stray.id }, ann),
      ).rejects.toThrow(
        new ConflictError(
          `pipeline rule: a release enters staging only by promotion from dev, and release ${stray.id.slice(
            0,
            12,
          )} has never been deployed in dev`,
        ),
      );
      expect(await h.store.getDeployment(api, 'staging')).toBeUndefined();

      // r1 left dev for r2, but it was there: it may still enter staging.
      const r2 = await releaseNewApiImage(h, entities, '2');
      expect(r2).not.toBe(r1);
      await expect(
        h.actions.deploy({ ...target('staging'), releaseId: r1 }, ann),
      ).resolves.toMatchObject({ releaseId: r1, environment: 'staging' });
      // The head (r2) is in dev, so a plain deploy to staging takes it.
      await expect(
        h.actions.deploy(target('staging'), ann),
      ).resolves.toMatchObject({ releaseId: r2 });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('deploys nothing into an environment outside the pipeline, or of a component without one', async () => {
    const entities = [...testCatalog('shop'), sandboxEnvironment()];
    const h = await setUpService(databases, id, { entities });
    try {
      await h.triggerCatalog();
      await expect(h.actions.deploy(target('sandbox'), ann)).rejects.toThrow(
        new ConflictError(
          `pipeline rule: "sandbox" is not a stage of ${api}'s pipeline (dev → staging → production), so nothing of it can be deployed there`,
        ),
      );
      h.setEntities(entities.filter(e => e.kind !== 'DeploymentPipeline'));
      await expect(h.actions.deploy(target('dev'), ann)).rejects.toThrow(
        `pipeline rule: ${api} has no deployment pipeline`,
      );
      expect(await h.store.getDeployment(api, 'sandbox')).toBeUndefined();
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('rolls back in a gated stage only to a release that ran there, and without a new approval', async () => {
    const entities = testCatalog('shop');
    const h = await setUpService(databases, id, { entities });
    try {
      const r1 = await promoteToProduction(h, api);
      const r2 = await releaseNewApiImage(h, entities, '2');
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);

      await expect(
        h.actions.rollback({ ...target('production'), releaseId: r2 }, ann),
      ).rejects.toThrow(
        `pipeline rule: a rollback in production returns to a release that ran there before, and release ${r2.slice(
          0,
          12,
        )} never did; promote it instead`,
      );
      await expect(
        h.actions.rollback({ ...target('production'), releaseId: r1 }, ann),
      ).rejects.toThrow(ConflictError);
      expect(h.auditor.events.at(-1)).toMatchObject({
        eventId: 'deployment-rollback',
        outcome: 'fail',
        error: expect.stringContaining('already runs in production'),
      });

      // r2 reaches production the proper way; then production may go back to r1 at once.
      const requested = await h.actions.promote(
        { componentRef: api, from: 'staging' },
        ann,
      );
      if (requested.outcome !== 'approval-requested') throw new Error();
      await h.actions.approve({ approvalId: requested.approval.id }, bob);
      const rolledBack = await h.actions.rollback(
        { ...target('production'), releaseId: r1 },
        ann,
      );
      expect(rolledBack).toMatchObject({ releaseId: r1 });
      const [entry] = await h.store.listHistory(api, 'production');
      expect(entry).toMatchObject({
        action: 'rollback',
        releaseId: r1,
        actor: 'user:default/ann',
        details: { from: r2 },
      });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('names the release a rollback leaves, never the one it returns to, even when two race', async () => {
    const entities = testCatalog('shop');
    const h = await setUpService(databases, id, { entities });
    try {
      await h.triggerCatalog();
      const r1 = (await h.store.getDeployment(api, 'dev'))!.releaseId;
      const r2 = await releaseNewApiImage(h, entities, '2');

      // A double click: the same rollback twice at once. One wins; the other is refused,
      // because the deployment it decided from is gone (or it now runs r1 already).
      const outcomes = await Promise.allSettled([
        h.actions.rollback({ ...target('dev'), releaseId: r1 }, ann),
        h.actions.rollback({ ...target('dev'), releaseId: r1 }, ann),
      ]);
      expect(outcomes.map(o => o.status).sort()).toEqual([
        'fulfilled',
        'rejected',
      ]);
      const refused = outcomes.find(o => o.status === 'rejected') as
        | PromiseRejectedResult
        | undefined;
      expect(refused?.reason).toBeInstanceOf(ConflictError);
      await expect(
        h.actions.rollback({ ...target('dev'), releaseId: r1 }, ann),
      ).rejects.toThrow(
        `release ${r1.slice(
          0,
          12,
        )} already runs in dev: there is nothing to roll back`,
      );
      const rollbacks = (await h.store.listHistory(api, 'dev')).filter(
        e => e.action === 'rollback',
      );
      expect(rollbacks).toEqual([
        expect.objectContaining({ releaseId: r1, details: { from: r2 } }),
      ]);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('lets a platform admin break glass into a gated stage, audited at high severity and marked in history', async () => {
    const h = await setUpService(databases, id);
    try {
      await h.triggerCatalog();
      const glass = { reason: 'approver unreachable during INC-42' };
      await expect(
        h.actions.deploy({ ...target('production'), breakGlass: glass }, ann),
      ).rejects.toThrow(
        new NotAllowedError(
          'stagecraft.deployment.break-glass is not permitted',
        ),
      );
      await expect(
        h.actions.deploy(
          { ...target('production'), breakGlass: { reason: '  ' } },
          admin,
        ),
      ).rejects.toThrow(InputError);
      expect(await h.store.getDeployment(api, 'production')).toBeUndefined();

      const deployed = await h.actions.deploy(
        { ...target('production'), breakGlass: glass },
        admin,
      );
      expect(deployed).toMatchObject({ desiredState: 'deployed' });
      const [entry] = await h.store.listHistory(api, 'production');
      expect(entry).toMatchObject({
        action: 'deploy',
        actor: 'user:default/admin',
        details: { breakGlass: true, reason: glass.reason },
      });
      expect(h.auditor.events.at(-1)).toMatchObject({
        eventId: 'deployment-deploy',
        severityLevel: 'high',
        outcome: 'success',
        meta: { breakGlass: true, reason: glass.reason },
      });
    } finally {
      await h.controlPlane.stop();
    }
  });
});
