import {
  actionsRegistryServiceFactory,
  actionsServiceFactory,
} from '@backstage/backend-defaults/alpha';
import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CoreV1Api } from '@kubernetes/client-node';
import stagecraftPlugin from '@stagecraft/plugin-stagecraft-backend';
import { installAddons, testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadCatalogFiles } from '../files/loadCatalogFiles';

/*
 * The real Stagecraft backend the CLI's integration tests talk to over HTTP: the plugin under
 * startTestBackend with Backstage's own actions registry (the route the CLI invokes), auth
 * that accepts the test's bearer tokens and nothing else, a SQLite database, and the example
 * organisation's catalog (catalog-info/) deploying to the real local cluster.
 */

/** The example organisation's catalog, as the catalog would serve it. */
async function exampleOrganisation(suffix: string): Promise<Entity[]> {
  const { documents, problems } = await loadCatalogFiles([
    resolve(__dirname, '../../../../catalog-info'),
  ]);
  if (problems.length > 0)
    throw new Error(`catalog-info does not parse: ${problems[0].message}`);
  // Each system is a project with namespaces <project>-<environment> on the shared cluster;
  // a suffix keeps them apart from other suites of the same run.
  const project = (name: string) => `${name}-${suffix}`;
  return documents
    .map(d => d.value as unknown as Entity)
    .filter(e => e.kind !== 'Location')
    .map(e => {
      const spec = e.spec as { system?: string } | undefined;
      return {
        ...e,
        metadata: {
          ...e.metadata,
          namespace: 'default',
          name:
            e.kind === 'System' ? project(e.metadata.name) : e.metadata.name,
        },
        ...(spec?.system && {
          spec: { ...spec, system: project(spec.system) },
        }),
      };
    });
}

/** A bearer token the backend accepts for `user:default/<name>`. */
export const userToken = (name: string) =>
  mockCredentials.user.token(`user:default/${name}`);

/**
 * An in-memory catalog whose entities the test may replace, as a commit to catalog-info would
 * (the plugin reads them on every catalog trigger pass).
 */
function replaceableCatalog(initial: Entity[]) {
  let entities = initial;
  let catalog = catalogServiceMock({ entities });
  const service = new Proxy({} as CatalogService, {
    get: (_, method) => {
      const value = (catalog as any)[method];
      return typeof value === 'function' ? value.bind(catalog) : value;
    },
  });
  return {
    service,
    get entities() {
      return entities;
    },
    setEntities(next: Entity[]) {
      entities = next;
      catalog = catalogServiceMock({ entities });
    },
  };
}

export async function startStagecraftBackend(
  databases: TestDatabases,
  o: {
    /** Real auth with static tokens (staticTokenAuth); default: the test's mock tokens. */
    auth?: { features: BackendFeature[]; config: object };
  } = {},
) {
  const suffix = randomBytes(3).toString('hex');
  const entities = await exampleOrganisation(suffix);
  const catalog = replaceableCatalog(entities);
  const scheduler = mockServices.scheduler() as SchedulerService;
  const cluster = testCluster();
  // The example's environments route through Gateway API: the cluster must know HTTPRoute.
  await installAddons(cluster.kubeConfig());
  // The example's production environment names its own target; here it is the same cluster.
  const target = {
    type: 'kubernetes',
    url: cluster.server,
    caFile: cluster.caFile,
    token: cluster.token,
  };
  const { server } = await startTestBackend({
    features: [
      stagecraftPlugin,
      actionsRegistryServiceFactory,
      actionsServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          ...o.auth?.config,
          stagecraft: {
            targets: { local: target, production: target },
            reconcile: { resyncIntervalSeconds: 3600 },
          },
        },
      }),
      // A request without a token is anonymous, as in a real backend (the test backend's
      // default would make it a signed-in user).
      ...(o.auth?.features ?? [
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ]),
      mockServices.database.factory({
        knex: await databases.init('SQLITE_3'),
      }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog.service,
      }),
    ],
  });
  const projects = entities
    .filter(e => e.kind === 'System')
    .map(e => e.metadata.name);
  return {
    url: `http://127.0.0.1:${(server as unknown as { port(): number }).port()}`,
    /** The namespace the example organisation's `system` runs in, in `environment`. */
    namespace: (system: string, environment: string) =>
      `${system}-${suffix}-${environment}`,
    /** Changes one component's deploy intent in the catalog (a new release on the next pass). */
    setImage(component: string, image: string) {
      catalog.setEntities(
        catalog.entities.map(e =>
          e.kind === 'Component' && e.metadata.name === component
            ? {
                ...e,
                spec: {
                  ...e.spec,
                  deploy: { ...(e.spec as any).deploy, image },
                },
              }
            : e,
        ),
      );
    },
    /** One pass of the catalog trigger: every component's latest release to its first stage. */
    runCatalogTrigger: () =>
      scheduler.triggerTask('stagecraft-catalog-trigger'),
    async cleanUp() {
      const core = cluster.kubeConfig().makeApiClient(CoreV1Api);
      for (const project of projects)
        for (const environment of ['dev', 'staging', 'production'])
          await core
            .deleteNamespace({ name: `${project}-${environment}` })
            .catch(() => undefined);
    },
  };
}
