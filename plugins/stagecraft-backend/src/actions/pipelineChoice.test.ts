import type { Entity } from '@backstage/catalog-model';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { testCatalog } from '../__testUtils__/entities';
import {
  callers,
  permissionsDenying,
  promoteToProduction,
  releaseNewApiImage,
  setUpService,
  withEnvironment,
} from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CATALOG_ACTOR } from '../trigger/catalogTrigger';

/*
 * The pipeline a component follows is its owner's choice (the `stagecraft.dev/pipeline`
 * annotation), and any location may hold a DeploymentPipeline: neither may make an
 * environment less protected than the catalog says it is.
 */

const databases = createTestDatabases();
const api = 'component:default/api';
const { ann, bob, carol } = callers;
const target = (environment: string) => ({ componentRef: api, environment });

/** A pipeline anyone could register, and the API pointed at it by its annotation. */
function apiOnPipeline(
  entities: Entity[],
  stages: { environment: string; requiresApproval?: boolean }[],
): Entity[] {
  const pipeline: Entity = {
    apiVersion: 'stagecraft.dev/v1alpha1',
    kind: 'DeploymentPipeline',
    metadata: { name: 'shortcut', namespace: 'default' },
    spec: { stages },
  };
  return [
    ...entities.map(e =>
      e.kind === 'Component' && e.metadata.name === 'api'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: { 'stagecraft.dev/pipeline': 'shortcut' },
            },
          }
        : e,
    ),
    pipeline,
  ];
}

/** The default pipeline with production not gated: only the Environment's flag protects it. */
const ungatedDefaultPipeline = (entities: Entity[]) =>
  entities.map(e =>
    e.kind === 'DeploymentPipeline'
      ? {
          ...e,
          spec: {
            stages: [
              { environment: 'dev' },
              { environment: 'staging' },
              { environment: 'production' },
            ],
          },
        }
      : e,
  );

const catalogs: [string, Entity[]][] = [
  [
    'a pipeline that starts with a gated production',
    apiOnPipeline(testCatalog('shop'), [
      { environment: 'production', requiresApproval: true },
    ]),
  ],
  [
    'an ungated pipeline into a production-flagged environment',
    apiOnPipeline(ungatedDefaultPipeline(testCatalog('shop')), [
      { environment: 'production' },
    ]),
  ],
  [
    'an ungated pipeline into an environment another pipeline gates',
    apiOnPipeline(
      withEnvironment(testCatalog('shop'), 'production', { production: false }),
      [{ environment: 'production' }],
    ),
  ],
];

describe.each(databases.eachSupportedId())(
  'the pipeline a component picks, on %p',
  id => {
    it.each(catalogs)(
      'the catalog trigger deploys nothing into production through %s, and audits why',
      async (_, entities) => {
        const h = await setUpService(databases, id, { entities });
        try {
          const pass = await h.triggerCatalog();
          await h.controlPlane.idle();

          expect(pass).toMatchObject({ released: 2, deployed: 1 });
          expect(
            await h.store.getDeployment(api, 'production'),
          ).toBeUndefined();
          expect(await h.store.listHistory(api)).toEqual([]);
          expect(
            h.plane.requests.filter(r => r.key.environment === 'production'),
          ).toEqual([]);
          const [release] = await h.store.listReleases(api);
          expect(
            h.auditor.events.filter(e => e.meta.componentRef === api),
          ).toEqual([
            {
              eventId: 'deployment-deploy',
              severityLevel: 'medium',
              meta: {
                actor: CATALOG_ACTOR,
                ...target('production'),
                releaseId: release.id,
              },
              outcome: 'fail',
              error: expect.stringContaining(
                "pipeline rule: production requires an approved promotion, and as the first stage of component:default/api's pipeline nothing is promoted into it",
              ),
            },
          ]);
          // Nor can the API put it there: there is no stage to promote it from.
          await expect(
            h.actions.deploy(target('production'), ann),
          ).rejects.toThrow(NotAllowedError);
        } finally {
          await h.controlPlane.stop();
        }
      },
    );

    it('still asks for an approval when a [dev, production] pipeline skips staging', async () => {
      const entities = apiOnPipeline(
        withEnvironment(testCatalog('shop'), 'production', {
          production: false,
        }),
        [{ environment: 'dev' }, { environment: 'production' }],
      );
      const h = await setUpService(databases, id, {
        entities,
        permissions: permissionsDenying({
          'user:default/carol': ['stagecraft.deployment.production'],
        }),
      });
      try {
        await h.triggerCatalog();
        const promoted = await h.actions.promote(
          { componentRef: api, from: 'dev' },
          ann,
        );
        expect(promoted.outcome).toBe('approval-requested');
        expect(await h.store.getDeployment(api, 'production')).toBeUndefined();
        if (promoted.outcome !== 'approval-requested') return;
        await h.actions.approve({ approvalId: promoted.approval.id }, bob);

        // Gated by the platform's pipeline, so production's permission applies here too.
        for (const change of [
          () => h.actions.redeploy(target('production'), carol),
          () => h.actions.undeploy(target('production'), carol),
        ])
          await expect(change()).rejects.toThrow(
            'stagecraft.deployment.production on component:default/api is not permitted',
          );
      } finally {
        await h.controlPlane.stop();
      }
    });

    it('does not count a plain deploy into a gated stage as having run there', async () => {
      const entities = testCatalog('shop');
      const h = await setUpService(databases, id, { entities });
      try {
        const r1 = await promoteToProduction(h, api);
        const r2 = await releaseNewApiImage(h, entities, '2');
        // History written before the catalog trigger respected gates: r2 straight into
        // production, unapproved.
        await h.store.setDeployment({
          ...target('production'),
          releaseId: r2,
          desiredState: 'deployed',
          action: 'deploy',
          actor: CATALOG_ACTOR,
        });
        await h.actions.rollback(
          { ...target('production'), releaseId: r1 },
          ann,
        );

        await expect(
          h.actions.rollback({ ...target('production'), releaseId: r2 }, ann),
        ).rejects.toThrow(
          new ConflictError(
            `pipeline rule: a rollback in production returns to a release that ran there before, and release ${r2.slice(
              0,
              12,
            )} never did; promote it instead`,
          ),
        );
        expect(await h.store.getDeployment(api, 'production')).toMatchObject({
          releaseId: r1,
        });
      } finally {
        await h.controlPlane.stop();
      }
    });
  },
);
