import type { Entity } from '@backstage/catalog-model';
import { describeWithCluster } from '@stagecraft/test-cluster';
import { permissionsDenying } from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  clusterObjects,
  settledClusterObjects,
} from './__testUtils__/clusterObjects';
import {
  api,
  base,
  HostileBackend,
  startHostileBackend,
  succeeds,
} from './__testUtils__/hostileBackend';
import { expectRefused } from './__testUtils__/hostileCase';

/*
 * The catalog as a way past the pipeline: a component picks its pipeline with an annotation
 * its owner writes, and a pipeline is just another catalog entity. Pointing the API at a
 * pipeline that starts with production, or that skips staging, must not put anything into
 * production without an approval — on a real backend deploying to the real cluster.
 * Production is gated by the platform's pipeline but not flagged `spec.production`.
 */

const { databases } = createTestDatabases();

/** The API on pipeline `name` (registered alongside), with a new image so it releases anew. */
function apiOn(
  entities: Entity[],
  name: string,
  stages: { environment: string; requiresApproval?: boolean }[],
  image: string,
): Entity[] {
  const pipeline: Entity = {
    apiVersion: 'stagecraft.dev/v1alpha1',
    kind: 'DeploymentPipeline',
    metadata: { name, namespace: 'default' },
    spec: { stages },
  };
  return [
    ...entities.map(e =>
      e.kind === 'Component' && e.metadata.name === 'api'
        ? {
            ...e,
            metadata: {
              ...e.metadata,
              annotations: { 'stagecraft.dev/pipeline': name },
            },
            spec: { ...e.spec, deploy: { image, replicas: 1 } },
          }
        : e,
    ),
    pipeline,
  ];
}

describeWithCluster(
  'hostile catalog edits: the pipeline a component picks cannot open production (real backend and cluster)',
  () => {
    let b: HostileBackend;
    let platformCatalog: Entity[];

    beforeAll(async () => {
      b = await startHostileBackend({
        databases,
        permissions: permissionsDenying().factory,
      });
      platformCatalog = b.entities;
      await b.runCatalogTrigger();
      await succeeds(b.post('ann', `${base}/promote`, { from: 'dev' }), 202);
      await b.settled();
    }, 240_000);

    afterAll(() => b?.cleanUp());

    it('deploys nothing into production when the API points at a pipeline that starts there', async () => {
      const clusterBefore = await settledClusterObjects(b.namespaces);
      const deploymentsBefore = await b.deployments();
      const audited = b.auditor.events.length;

      b.setEntities(
        apiOn(
          platformCatalog,
          'straight-to-production',
          [{ environment: 'production', requiresApproval: true }],
          'registry.example/api:unreviewed',
        ),
      );
      await b.runCatalogTrigger();

      expect(await b.deployments()).toEqual(deploymentsBefore);
      expect(await b.store.getDeployment(api, 'production')).toBeUndefined();
      expect(await clusterObjects(b.namespaces)).toEqual(clusterBefore);
      const released = await b.store.getCatalogHead(api);
      expect(b.auditor.events.slice(audited)).toEqual([
        expect.objectContaining({
          eventId: 'deployment-deploy',
          outcome: 'fail',
          meta: expect.objectContaining({
            actor: 'stagecraft:catalog-trigger',
            componentRef: api,
            environment: 'production',
            releaseId: released,
          }),
          error: expect.stringContaining(
            'pipeline rule: production requires an approved promotion, and as the first stage',
          ),
        }),
      ]);
    });

    it('still asks for an approval when the API points at a [dev, production] pipeline', async () => {
      b.setEntities(
        apiOn(
          platformCatalog,
          'skip-staging',
          [{ environment: 'dev' }, { environment: 'production' }],
          'registry.example/api:hurried',
        ),
      );
      await b.runCatalogTrigger();
      // The new release reaches dev first: let that apply finish before taking the picture.
      await b.settled();
      const clusterBefore = await settledClusterObjects(b.namespaces);

      const promoted = await b.post('ann', `${base}/promote`, { from: 'dev' });

      expect({
        status: promoted.status,
        outcome: promoted.body.outcome,
      }).toEqual({ status: 201, outcome: 'approval-requested' });
      await b.settled();
      expect(await b.store.getDeployment(api, 'production')).toBeUndefined();
      expect(await clusterObjects(b.namespaces)).toEqual(clusterBefore);
    });

    // eslint-disable-next-line jest/expect-expect -- expectRefused asserts
    it('refuses to redeploy into staging once staging is no longer a stage of its pipeline', () =>
      expectRefused(b, {
        name: 'redeploy outside the pipeline',
        caller: 'ann',
        path: () => `${base}/deployments/staging/redeploy`,
        status: 409,
        error: 'ConflictError',
        message: `pipeline rule: "staging" is not a stage of ${api}'s pipeline (dev → production)`,
        eventId: 'deployment-redeploy',
      }));
  },
);
