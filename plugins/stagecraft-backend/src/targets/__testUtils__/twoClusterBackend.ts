import {
  coreServices,
  createServiceFactory,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AppsV1Api, V1Deployment } from '@kubernetes/client-node';
import type { LocalCluster } from '@stagecraft/test-cluster';
import type { Server } from 'node:http';
import request from 'supertest';
import { testCatalog } from '../../__testUtils__/entities';
import { eventually } from '../../__testUtils__/eventually';
import {
  permissionsDenying,
  withEnvironment,
} from '../../__testUtils__/serviceSetup';
import { stagecraftPlugin } from '../../plugin';
import {
  authorizationHeader,
  Caller,
} from '../../service/__testUtils__/hostileBackend';

/*
 * The real backend (the plugin under startTestBackend: REST, permissions, control plane, drift
 * watches, runtime views) with two Kubernetes targets on two clusters, as a platform runs
 * them: dev and staging on target `local` (cluster A), production on target `production`
 * (cluster B). The catalog is the test catalog with production pointed at its own target.
 */

/** The test catalog with dev and staging on `local` and production on `production`. */
export function twoClusterCatalog(project: string): Entity[] {
  return withEnvironment(testCatalog(project), 'production', {
    target: 'production',
  });
}

const kubernetesTarget = (cluster: LocalCluster) => ({
  type: 'kubernetes',
  url: cluster.server,
  caFile: cluster.caFile,
  token: cluster.token,
});

export async function startTwoClusterBackend(o: {
  databases: TestDatabases;
  clusters: { local: LocalCluster; production: LocalCluster };
  entities: Entity[];
}) {
  let entities = o.entities;
  const scheduler = mockServices.scheduler() as SchedulerService;
  // What the plugin logs at info level, to see which control loop did what.
  const logged: string[] = [];
  const logger: LoggerService = {
    info: message => {
      logged.push(message);
    },
    warn: () => {},
    error: () => {},
    debug: () => {},
    child: () => logger,
  };
  const { server } = await startTestBackend({
    features: [
      stagecraftPlugin,
      mockServices.rootConfig.factory({
        data: {
          stagecraft: {
            targets: {
              local: kubernetesTarget(o.clusters.local),
              production: kubernetesTarget(o.clusters.production),
            },
            // No periodic resync during the test: whatever converges, the watches, the
            // queue's retries and the reconnect after an outage made converge.
            reconcile: { resyncIntervalSeconds: 3600 },
          },
        },
      }),
      mockServices.database.factory({
        knex: await o.databases.init('SQLITE_3'),
      }),
      permissionsDenying().factory,
      createServiceFactory({
        service: coreServices.logger,
        deps: {},
        factory: () => logger,
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
    ],
  });
  const http = server as Server;
  const get = (path: string, caller: Caller = 'ann') =>
    request(http).get(path).set('Authorization', authorizationHeader(caller));
  const post = (caller: Caller, path: string, body: object = {}) =>
    request(http)
      .post(path)
      .set('Authorization', authorizationHeader(caller))
      .send(body);
  return {
    get,
    post,
    logged,
    setEntities(next: Entity[]) {
      entities = next;
    },
    get entities() {
      return entities;
    },
    runCatalogTrigger: () =>
      scheduler.triggerTask('stagecraft-catalog-trigger'),
    /** A component's deployments as the API reports them, by environment. */
    async deployments(component: string): Promise<Record<string, any>> {
      const res = await get(
        `/api/stagecraft/components/default/${component}/deployments`,
      );
      if (res.status !== 200)
        throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      return Object.fromEntries(
        (res.body.items as any[]).map(d => [d.environment, d]),
      );
    },
  };
}

export type TwoClusterBackend = Awaited<
  ReturnType<typeof startTwoClusterBackend>
>;

/** A step of the legitimate path: fails the test with the answer when it does not succeed. */
export async function expectStatus(pending: request.Test, status: number) {
  const response = await pending;
  if (response.status !== status)
    throw new Error(
      `expected ${status}, got ${response.status} ${JSON.stringify(
        response.body,
      )}`,
    );
  return response;
}

/** Waits until each component's deployment in `environment` is synced on `releaseId`s. */
export async function untilSynced(
  b: TwoClusterBackend,
  environment: string,
  releases: Record<string, string>,
  timeoutMs = 45_000,
) {
  for (const [component, releaseId] of Object.entries(releases)) {
    await eventually(
      () => b.deployments(component).then(d => d[environment]),
      d =>
        d?.sync.state === 'synced' && d.sync.lastAppliedReleaseId === releaseId,
      `${component} synced in ${environment} on ${releaseId}`,
      timeoutMs,
    );
  }
}

/** The live Deployment in a cluster, or undefined when it is not there. */
export async function liveDeployment(
  cluster: LocalCluster,
  namespace: string,
  name: string,
): Promise<V1Deployment | undefined> {
  return cluster
    .kubeConfig()
    .makeApiClient(AppsV1Api)
    .readNamespacedDeployment({ name, namespace })
    .catch(() => undefined);
}
