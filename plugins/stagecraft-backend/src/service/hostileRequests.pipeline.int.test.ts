import { describeWithCluster } from '@stagecraft/test-cluster';
import { permissionsDenying } from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  api,
  base,
  HostileBackend,
  promoteToProduction,
  stageNewRelease,
  startHostileBackend,
} from './__testUtils__/hostileBackend';
import { expectRefused, HostileCase } from './__testUtils__/hostileCase';

/*
 * Every way past the pipeline's order and gates the issue found, sent as a REST request to a
 * real backend deploying to the real local cluster: refused with a clear message, nothing
 * changed on the cluster or in the deployments, one failed audit event.
 *
 * ann and bob are ordinary owners (every permission but break-glass); carol lacks
 * `stagecraft.deployment.production`. Production is approval-gated but not flagged
 * `spec.production`: the gate alone must protect it.
 */

const { databases } = createTestDatabases();

describeWithCluster(
  'hostile requests: a release enters a stage only by promotion (REST, real backend and cluster)',
  () => {
    let b: HostileBackend;
    const releases: Record<string, string> = {};

    beforeAll(async () => {
      b = await startHostileBackend({
        databases,
        permissions: permissionsDenying({
          'user:default/carol': ['stagecraft.deployment.production'],
        }).factory,
      });
      // The legitimate path: r1 through dev and staging into production; then r2 in dev and
      // staging.
      releases.r1 = await promoteToProduction(b);
      releases.r2 = await stageNewRelease(b);
      // A release that exists but never ran anywhere (a catalog pass that failed halfway).
      releases.stray = (
        await b.store.createRelease({
          componentRef: api,
          snapshot: { image: 'registry.example/api:never-deployed' },
          createdBy: 'user:default/mallory',
        })
      ).id;
    }, 240_000);

    afterAll(() => b?.cleanUp());

    const short = (release: string) => releases[release].slice(0, 12);
    const cases: HostileCase[] = [
      {
        name: 'deploy of the catalog head straight into production',
        caller: 'ann',
        path: () => `${base}/deployments/production/deploy`,
        status: 403,
        error: 'NotAllowedError',
        message: 'pipeline rule: production requires an approved promotion',
        eventId: 'deployment-deploy',
      },
      {
        name: 'deploy of the staged release into production without an approval',
        caller: 'ann',
        path: () => `${base}/deployments/production/deploy`,
        body: () => ({ releaseId: releases.r2 }),
        status: 403,
        error: 'NotAllowedError',
        message: () =>
          `pipeline rule: production requires an approved promotion; promote release ${short(
            'r2',
          )} from staging`,
        eventId: 'deployment-deploy',
      },
      {
        name: 'deploy into staging of a release that was never in dev',
        caller: 'ann',
        path: () => `${base}/deployments/staging/deploy`,
        body: () => ({ releaseId: releases.stray }),
        status: 409,
        error: 'ConflictError',
        message: () =>
          `pipeline rule: a release enters staging only by promotion from dev, and release ${short(
            'stray',
          )} has never been deployed in dev`,
        eventId: 'deployment-deploy',
      },
      {
        name: 'deploy into an environment outside the pipeline',
        caller: 'ann',
        path: () => `${base}/deployments/sandbox/deploy`,
        status: 409,
        error: 'ConflictError',
        message: `pipeline rule: "sandbox" is not a stage of ${api}'s pipeline`,
        eventId: 'deployment-deploy',
      },
      {
        name: 'rollback in production to a release that never ran there',
        caller: 'ann',
        path: () => `${base}/deployments/production/rollback`,
        body: () => ({ releaseId: releases.r2 }),
        status: 409,
        error: 'ConflictError',
        message: () =>
          `pipeline rule: a rollback in production returns to a release that ran there before, and release ${short(
            'r2',
          )} never did`,
        eventId: 'deployment-rollback',
      },
      {
        name: 'redeploy in production without the production permission',
        caller: 'carol',
        path: () => `${base}/deployments/production/redeploy`,
        status: 403,
        error: 'NotAllowedError',
        message: `stagecraft.deployment.production on ${api} is not permitted`,
        eventId: 'deployment-redeploy',
      },
      {
        name: 'undeploy from production without the production permission',
        caller: 'carol',
        path: () => `${base}/deployments/production/undeploy`,
        status: 403,
        error: 'NotAllowedError',
        message: `stagecraft.deployment.production on ${api} is not permitted`,
        eventId: 'deployment-undeploy',
      },
      {
        name: 'break-glass deploy without the break-glass permission',
        caller: 'ann',
        path: () => `${base}/deployments/production/deploy`,
        body: () => ({ breakGlass: { reason: 'it is Friday' } }),
        status: 403,
        error: 'NotAllowedError',
        message: 'stagecraft.deployment.break-glass is not permitted',
        eventId: 'deployment-deploy',
      },
      {
        name: 'break-glass deploy outside the pipeline, by a platform admin',
        caller: 'admin',
        path: () => `${base}/deployments/sandbox/deploy`,
        body: () => ({ breakGlass: { reason: 'try the fix somewhere quiet' } }),
        status: 409,
        error: 'ConflictError',
        message: `pipeline rule: "sandbox" is not a stage of ${api}'s pipeline`,
        eventId: 'deployment-deploy',
      },
    ];

    // eslint-disable-next-line jest/expect-expect -- expectRefused asserts
    it.each(cases)('refuses $name', hostile => expectRefused(b, hostile));
  },
);
