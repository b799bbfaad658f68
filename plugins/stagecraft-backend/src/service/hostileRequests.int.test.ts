import {
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { CoreV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { recordingAuditor } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import {
  permissionsDenying,
  sandboxEnvironment,
  withEnvironment,
} from '../__testUtils__/serviceSetup';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DeploymentStore } from '../database/DeploymentStore';
import { stagecraftPlugin } from '../plugin';
import { clusterObjects } from './__testUtils__/clusterObjects';

/*
 * Every way past the pipeline the issue found, sent as a REST request to a real backend (the
 * plugin under startTestBackend, its HTTP router, auth, permission and auditor services, its
 * database) that deploys to the real local cluster. Each must be refused with a clear
 * message, leave the cluster and the deployments exactly as they were, and be audited.
 *
 * ann and bob are ordinary owners (every permission but break-glass); carol lacks
 * `stagecraft.deployment.production`. Production is approval-gated but deliberately not
 * flagged `spec.production`: the gate alone must protect it.
 */

const { databases } = createTestDatabases();
const api = 'component:default/api';
const base = '/api/stagecraft/components/default/api';
const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);

/** One hostile request and how it must be refused. */
interface HostileCase {
  name: string;
  /** Legitimate steps that set the scene (not part of the attempt). */
  prepare?: () => Promise<void>;
  user: string;
  path: () => string;
  body?: () => object;
  status: 403 | 409;
  error: 'NotAllowedError' | 'ConflictError';
  message: string | (() => string);
  eventId: string;
}

describeWithCluster(
  'hostile requests: the pipeline and its approvals cannot be bypassed (REST, real backend and cluster)',
  () => {
    const project = `h${randomBytes(3).toString('hex')}`;
    const namespaces = ['dev', 'staging', 'production', 'sandbox'].map(
      env => `${project}-${env}`,
    );
    const auditor = recordingAuditor();
    const scheduler = mockServices.scheduler() as SchedulerService;
    let entities: Entity[] = withEnvironment(
      [...testCatalog(project), sandboxEnvironment()],
      'production',
      { production: false },
    );
    let server: Server;
    let store: DeploymentStore;
    const releases: Record<string, string> = {};
    const approvals: Record<string, number> = {};

    const post = (user: string, path: string, body: object = {}) =>
      request(server).post(path).set('Authorization', as(user)).send(body);
    const get = (path: string) =>
      request(server).get(path).set('Authorization', as('ann'));

    /** The deployments as the API reports them, without the parts that move on their own. */
    async function deployments() {
      const res = await get(`${base}/deployments`);
      return (res.body.items as any[]).map(d => ({
        environment: d.environment,
        releaseId: d.releaseId,
        desiredState: d.desiredState,
        generation: d.generation,
      }));
    }

    /** Waits until every deployment's reconcile has acted on its latest change. */
    async function settled() {
      await eventually(
        () => get(`${base}/deployments`).then(r => r.body.items as any[]),
        items =>
          items.every(
            d =>
              d.sync.observedGeneration === d.generation &&
              d.sync.state !== 'pending',
          ),
        'every deployment to be reconciled',
        45_000,
      );
    }

    /** A step of the legitimate path, which must work for the attempts to mean anything. */
    async function succeeds(pending: request.Test, status: number) {
      const response = await pending;
      if (response.status !== status)
        throw new Error(
          `setting the scene failed: ${response.status} ${JSON.stringify(
            response.body,
          )}`,
        );
      return response;
    }

    async function runCatalogTrigger() {
      await scheduler.triggerTask('stagecraft-catalog-trigger');
      await settled();
    }

    beforeAll(async () => {
      const cluster = testCluster();
      const knex = await databases.init('SQLITE_3');
      store = new DeploymentStore(knex);
      const backend = await startTestBackend({
        features: [
          stagecraftPlugin,
          mockServices.rootConfig.factory({
            data: {
              stagecraft: {
                targets: {
                  local: {
                    type: 'kubernetes',
                    url: cluster.server,
                    caFile: cluster.caFile,
                    token: cluster.token,
                  },
                },
                reconcile: { resyncIntervalSeconds: 3600 },
              },
            },
          }),
          mockServices.database.factory({ knex }),
          permissionsDenying({
            'user:default/carol': ['stagecraft.deployment.production'],
          }).factory,
          createServiceFactory({
            service: coreServices.auditor,
            deps: {},
            factory: () => auditor,
          }),
          createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            factory: () => scheduler,
          }),
          createServiceFactory({
            service: catalogServiceRef,
            deps: {},
            factory: () =>
              ({
                getEntities: async () => ({ items: entities }),
              } as any),
          }),
        ],
      });
      server = backend.server;

      // The legitimate path: r1 through dev and staging into production (ann asks, bob
      // approves); then r2 in dev and staging.
      await runCatalogTrigger();
      releases.r1 = (await deployments())[0].releaseId;
      await succeeds(post('ann', `${base}/promote`, { from: 'dev' }), 202);
      const asked = await succeeds(
        post('ann', `${base}/promote`, { from: 'staging' }),
        201,
      );
      await succeeds(
        post(
          'bob',
          `/api/stagecraft/approvals/${asked.body.approval.id}/approve`,
        ),
        200,
      );
      await settled();
      entities = entities.map(e =>
        e.kind === 'Component' && e.metadata.name === 'api'
          ? {
              ...e,
              spec: {
                ...e.spec,
                deploy: { image: 'registry.example/api:2', replicas: 2 },
              },
            }
          : e,
      );
      await runCatalogTrigger();
      await succeeds(post('ann', `${base}/promote`, { from: 'dev' }), 202);
      await settled();
      releases.r2 = (await store.getDeployment(api, 'staging'))!.releaseId;
      // A release that exists but never ran anywhere (a catalog pass that failed halfway).
      releases.stray = (
        await store.createRelease({
          componentRef: api,
          snapshot: { image: 'registry.example/api:never-deployed' },
          createdBy: 'user:default/mallory',
        })
      ).id;
    }, 240_000);

    afterAll(async () => {
      const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
      for (const name of namespaces)
        await core.deleteNamespace({ name }).catch(() => undefined);
    });

    const short = (release: string) => releases[release].slice(0, 12);
    const cases: HostileCase[] = [
      {
        name: 'deploy of the catalog head straight into production',
        user: 'ann',
        path: () => `${base}/deployments/production/deploy`,
        status: 403,
        error: 'NotAllowedError',
        message: 'pipeline rule: production requires an approved promotion',
        eventId: 'deployment-deploy',
      },
      {
        name: 'deploy of the staged release into production without an approval',
        user: 'ann',
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
        user: 'ann',
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
        user: 'ann',
        path: () => `${base}/deployments/sandbox/deploy`,
        status: 409,
        error: 'ConflictError',
        message: `pipeline rule: "sandbox" is not a stage of ${api}'s pipeline`,
        eventId: 'deployment-deploy',
      },
      {
        name: 'rollback in production to a release that never ran there',
        user: 'ann',
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
        user: 'carol',
        path: () => `${base}/deployments/production/redeploy`,
        status: 403,
        error: 'NotAllowedError',
        message: `stagecraft.deployment.production on ${api} is not permitted`,
        eventId: 'deployment-redeploy',
      },
      {
        name: 'undeploy from production without the production permission',
        user: 'carol',
        path: () => `${base}/deployments/production/undeploy`,
        status: 403,
        error: 'NotAllowedError',
        message: `stagecraft.deployment.production on ${api} is not permitted`,
        eventId: 'deployment-undeploy',
      },
      {
        name: 'break-glass deploy without the break-glass permission',
        user: 'ann',
        path: () => `${base}/deployments/production/deploy`,
        body: () => ({ breakGlass: { reason: 'it is Friday' } }),
        status: 403,
        error: 'NotAllowedError',
        message: 'stagecraft.deployment.break-glass is not permitted',
        eventId: 'deployment-deploy',
      },
      {
        name: 'approval of a denied request',
        prepare: async () => {
          const asked = await succeeds(
            post('ann', `${base}/promote`, { from: 'staging' }),
            201,
          );
          approvals.denied = asked.body.approval.id;
          await succeeds(
            post('bob', `/api/stagecraft/approvals/${approvals.denied}/deny`),
            200,
          );
        },
        user: 'bob',
        path: () => `/api/stagecraft/approvals/${approvals.denied}/approve`,
        status: 409,
        error: 'ConflictError',
        message: () =>
          `approval request ${approvals.denied} was already denied by user:default/bob`,
        eventId: 'deployment-approve',
      },
      {
        name: 'self-approval',
        prepare: async () => {
          const asked = await succeeds(
            post('ann', `${base}/promote`, { from: 'staging' }),
            201,
          );
          approvals.pending = asked.body.approval.id;
        },
        user: 'ann',
        path: () => `/api/stagecraft/approvals/${approvals.pending}/approve`,
        status: 403,
        error: 'NotAllowedError',
        message:
          'pipeline rule: a promotion cannot be approved by the person who requested it (user:default/ann)',
        eventId: 'deployment-approve',
      },
      {
        name: 'approval of a stale request (its release has left staging)',
        prepare: async () => {
          await succeeds(
            post('ann', `${base}/deployments/staging/rollback`, {
              releaseId: releases.r1,
            }),
            202,
          );
          await settled();
        },
        user: 'bob',
        path: () => `/api/stagecraft/approvals/${approvals.pending}/approve`,
        status: 409,
        error: 'ConflictError',
        message: () =>
          `approval request ${
            approvals.pending
          } is stale: staging no longer runs release ${short('r2')}`,
        eventId: 'deployment-approve',
      },
    ];

    it.each(cases)('refuses $name', async hostile => {
      await hostile.prepare?.();
      const clusterBefore = await clusterObjects(namespaces);
      const deploymentsBefore = await deployments();
      const audited = auditor.events.length;

      const response = await post(
        hostile.user,
        hostile.path(),
        hostile.body?.() ?? {},
      );

      const message =
        typeof hostile.message === 'function'
          ? hostile.message()
          : hostile.message;
      expect({ status: response.status, error: response.body.error }).toEqual({
        status: hostile.status,
        error: expect.objectContaining({
          name: hostile.error,
          message: expect.stringContaining(message),
        }),
      });
      await settled();
      expect(await deployments()).toEqual(deploymentsBefore);
      expect(await clusterObjects(namespaces)).toEqual(clusterBefore);
      expect(auditor.events.slice(audited)).toEqual([
        expect.objectContaining({
          eventId: hostile.eventId,
          outcome: 'fail',
          error: expect.stringContaining(message),
          meta: expect.objectContaining({
            actor: `user:default/${hostile.user}`,
          }),
        }),
      ]);
    });

    it('answers twenty concurrent promotions into production with one approval request and one history entry', async () => {
      const history = async () =>
        (await get(`${base}/history?environment=production`)).body
          .items as any[];
      const requestedBefore = (await history()).filter(
        e => e.action === 'request-approval',
      ).length;

      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          post(i % 2 ? 'ann' : 'bob', `${base}/promote`, { from: 'staging' }),
        ),
      );

      expect(responses.map(r => r.status)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map(r => r.body.approval.id)).size).toBe(1);
      const requested = (await history()).filter(
        e => e.action === 'request-approval',
      );
      expect(requested.length - requestedBefore).toBe(1);
    });
  },
);
