import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { CoreV1Api } from '@kubernetes/client-node';
import { testCluster } from '@stagecraft/test-cluster';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { recordingAuditor } from '../../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../../__testUtils__/entities';
import { eventually } from '../../__testUtils__/eventually';
import {
  sandboxEnvironment,
  withEnvironment,
} from '../../__testUtils__/serviceSetup';
import { DeploymentStore } from '../../database/DeploymentStore';
import { stagecraftPlugin } from '../../plugin';

/*
 * The real backend the hostile-request suites attack: the plugin under startTestBackend (its
 * HTTP router, auth, permission and auditor services, its database), deploying to the real
 * local cluster, with a catalog the test may change. Each suite brings its own permissions.
 */

export const api = 'component:default/api';
export const base = '/api/stagecraft/components/default/api';

/**
 * Who sends a request: a user by name (`ann` is `user:default/ann`), a service principal, or
 * a bearer token as is (a static external-access token, when the backend runs real auth).
 */
export type Caller = string | { service: string } | { token: string };

export function authorizationHeader(caller: Caller): string {
  if (typeof caller === 'object' && 'token' in caller)
    return `Bearer ${caller.token}`;
  return typeof caller === 'string'
    ? mockCredentials.user.header(`user:default/${caller}`)
    : mockCredentials.service.header({
        onBehalfOf: mockCredentials.service(caller.service),
        targetPluginId: 'stagecraft',
      });
}

/** The test catalog: ann's project, a sandbox outside every pipeline, production gated. */
export function hostileCatalog(project: string): Entity[] {
  return withEnvironment(
    [...testCatalog(project), sandboxEnvironment()],
    'production',
    // Not flagged: the pipeline's gate alone must protect it.
    { production: false },
  );
}

/** The `ownedBy` relations the catalog derives from `spec.owner`. */
export const withOwnership = (entities: Entity[]): Entity[] =>
  entities.map(e => {
    const owner = (e.spec as { owner?: unknown } | undefined)?.owner;
    if (typeof owner !== 'string') return e;
    const targetRef = stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: e.metadata.namespace ?? 'default',
      }),
    );
    return { ...e, relations: [{ type: 'ownedBy', targetRef }] };
  });

export async function startHostileBackend(o: {
  databases: TestDatabases;
  /** The permission service, or the features that provide it. */
  permissions: ServiceFactory | BackendFeature[];
  entities?: (project: string) => Entity[];
  config?: Record<string, unknown>;
  /** More plugins and services (the MCP actions backend for the agent suites). */
  features?: BackendFeature[];
  /** Who the harness reads deployments as (ann unless the backend cannot take her token). */
  reader?: Caller;
}) {
  const project = `h${randomBytes(3).toString('hex')}`;
  const namespaces = ['dev', 'staging', 'production', 'sandbox'].map(
    env => `${project}-${env}`,
  );
  let entities = (o.entities ?? hostileCatalog)(project);
  const auditor = recordingAuditor();
  const scheduler = mockServices.scheduler() as SchedulerService;
  const cluster = testCluster();
  const knex = await o.databases.init('SQLITE_3');
  const store = new DeploymentStore(knex);
  const { server } = await startTestBackend({
    features: [
      stagecraftPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...o.config,
          stagecraft: {
            ...(o.config?.stagecraft as object | undefined),
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
      ...(Array.isArray(o.permissions) ? o.permissions : [o.permissions]),
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
          ({ getEntities: async () => ({ items: entities }) } as any),
      }),
      ...(o.features ?? []),
    ],
  });
  const backend = backendClient(server as Server);

  /** Waits until every deployment's reconcile has acted on its latest change. */
  async function settled() {
    await eventually(
      () =>
        backend
          .get(`${base}/deployments`, o.reader)
          .then(r => r.body.items as any[]),
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

  return {
    ...backend,
    /** Where the backend listens, for clients that are not supertest (the MCP client). */
    baseUrl: `http://127.0.0.1:${(server as { port(): number }).port()}`,
    project,
    namespaces,
    store,
    auditor,
    settled,
    get entities() {
      return entities;
    },
    /** Replaces the catalog the plugin reads (it re-reads it on every trigger pass). */
    setEntities(next: Entity[]) {
      entities = next;
    },
    /** One pass of the catalog trigger, then every deployment reconciled. */
    async runCatalogTrigger() {
      await scheduler.triggerTask('stagecraft-catalog-trigger');
      await settled();
    },
    /** The deployments as the API reports them, without the parts that move on their own. */
    async deployments() {
      const res = await backend.get(`${base}/deployments`, o.reader);
      return (res.body.items as any[]).map(d => ({
        environment: d.environment,
        releaseId: d.releaseId,
        desiredState: d.desiredState,
        generation: d.generation,
      }));
    },
    async cleanUp() {
      const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
      for (const name of namespaces)
        await core.deleteNamespace({ name }).catch(() => undefined);
    },
  };
}

export type HostileBackend = Awaited<ReturnType<typeof startHostileBackend>>;

function backendClient(server: Server) {
  return {
    post: (caller: Caller, path: string, body: object = {}) =>
      request(server)
        .post(path)
        .set('Authorization', authorizationHeader(caller))
        .send(body),
    get: (path: string, caller: Caller = 'ann') =>
      request(server)
        .get(path)
        .set('Authorization', authorizationHeader(caller)),
  };
}

/** A step of the legitimate path, which must work for the attempts to mean anything. */
export async function succeeds(pending: request.Test, status: number) {
  const response = await pending;
  if (response.status !== status)
    throw new Error(
      `setting the scene failed: ${response.status} ${JSON.stringify(
        response.body,
      )}`,
    );
  return response;
}

/**
 * The legitimate path to production: the catalog deploys r1 to dev, `requester` promotes it
 * to staging and asks for production, `approver` approves. Returns r1.
 */
export async function promoteToProduction(
  b: HostileBackend,
  people: { requester: Caller; approver: Caller } = {
    requester: 'ann',
    approver: 'bob',
  },
): Promise<string> {
  await b.runCatalogTrigger();
  const r1 = (await b.store.getDeployment(api, 'dev'))!.releaseId;
  await succeeds(
    b.post(people.requester, `${base}/promote`, { from: 'dev' }),
    202,
  );
  const asked = await succeeds(
    b.post(people.requester, `${base}/promote`, { from: 'staging' }),
    201,
  );
  await succeeds(
    b.post(
      people.approver,
      `/api/stagecraft/approvals/${asked.body.approval.id}/approve`,
    ),
    200,
  );
  await b.settled();
  return r1;
}

/** A new image for the API: released to dev by the catalog, promoted to staging. Returns it. */
export async function stageNewRelease(b: HostileBackend): Promise<string> {
  b.setEntities(
    b.entities.map(e =>
      e.kind === 'Component' && e.metadata.name === 'api'
        ? {
            ...e,
            spec: {
              ...e.spec,
              deploy: { image: 'registry.example/api:2', replicas: 2 },
            },
          }
        : e,
    ),
  );
  await b.runCatalogTrigger();
  await succeeds(b.post('ann', `${base}/promote`, { from: 'dev' }), 202);
  await b.settled();
  return (await b.store.getDeployment(api, 'staging'))!.releaseId;
}
