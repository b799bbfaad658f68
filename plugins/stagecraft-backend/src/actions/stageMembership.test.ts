import type { Entity } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { testCatalog } from '../__testUtils__/entities';
import {
  callers,
  promoteToProduction,
  sandboxEnvironment,
  setUpService,
} from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CATALOG_ACTOR } from '../trigger/catalogTrigger';

/*
 * Every verb that puts a release to work in an environment checks that the environment is
 * still a stage of the component's pipeline: redeploy (which also brings an undeployed
 * deployment back) and break-glass included. Undeploy does not: taking a release out admits
 * nothing, and an environment that left the pipeline must still be emptied.
 */

const databases = createTestDatabases();
const api = 'component:default/api';
const { ann, admin } = callers;
const target = (environment: string) => ({ componentRef: api, environment });

/** The catalog with staging dropped from the pipeline. */
const withoutStaging = (entities: Entity[]) =>
  entities.map(e =>
    e.kind === 'DeploymentPipeline'
      ? {
          ...e,
          spec: {
            stages: [
              { environment: 'dev' },
              { environment: 'production', requiresApproval: true },
            ],
          },
        }
      : e,
  );

describe.each(databases.eachSupportedId())('stage membership on %p', id => {
  it('redeploys nothing into an environment that left the pipeline, but still undeploys there', async () => {
    const entities = testCatalog('shop');
    const h = await setUpService(databases, id, { entities });
    try {
      await h.triggerCatalog();
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);
      await h.actions.undeploy(target('staging'), ann);
      h.setEntities(withoutStaging(entities));
      const before = await h.store.getDeployment(api, 'staging');

      await expect(h.actions.redeploy(target('staging'), ann)).rejects.toThrow(
        new ConflictError(
          `pipeline rule: "staging" is not a stage of ${api}'s pipeline (dev → production), so nothing of it can be deployed there`,
        ),
      );
      expect(await h.store.getDeployment(api, 'staging')).toEqual(before);
      await expect(
        h.actions.undeploy(target('staging'), ann),
      ).resolves.toMatchObject({ desiredState: 'undeployed' });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('brings an undeployed release back into a gated stage only if it was admitted there', async () => {
    const h = await setUpService(databases, id);
    try {
      const admitted = await promoteToProduction(h, api);
      await h.actions.undeploy(target('production'), ann);
      await expect(
        h.actions.redeploy(target('production'), ann),
      ).resolves.toMatchObject({
        releaseId: admitted,
        desiredState: 'deployed',
      });

      // History from before the trigger respected gates: a release deployed straight
      // into production, unapproved, then undeployed.
      const stray = await h.store.createRelease({
        componentRef: api,
        snapshot: { image: 'registry.example/api:stray' },
        createdBy: CATALOG_ACTOR,
      });
      await h.store.setDeployment({
        ...target('production'),
        releaseId: stray.id,
        desiredState: 'deployed',
        action: 'deploy',
        actor: CATALOG_ACTOR,
      });
      await h.actions.undeploy(target('production'), ann);
      await expect(
        h.actions.redeploy(target('production'), ann),
      ).rejects.toThrow(
        `pipeline rule: a redeploy in production returns to a release that ran there before, and release ${stray.id.slice(
          0,
          12,
        )} never did; promote it instead`,
      );
      expect(await h.store.getDeployment(api, 'production')).toMatchObject({
        desiredState: 'undeployed',
      });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('keeps break-glass inside the pipeline', async () => {
    const h = await setUpService(databases, id, {
      entities: [...testCatalog('shop'), sandboxEnvironment()],
    });
    try {
      await h.triggerCatalog();
      await expect(
        h.actions.deploy(
          {
            ...target('sandbox'),
            breakGlass: { reason: 'try the fix somewhere quiet' },
          },
          admin,
        ),
      ).rejects.toThrow(
        `pipeline rule: "sandbox" is not a stage of ${api}'s pipeline`,
      );
      expect(await h.store.getDeployment(api, 'sandbox')).toBeUndefined();
      expect(h.auditor.events.at(-1)).toMatchObject({
        eventId: 'deployment-deploy',
        severityLevel: 'high',
        outcome: 'fail',
      });
    } finally {
      await h.controlPlane.stop();
    }
  });
});
