import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import catalogModuleStagecraft from '@stagecraft/plugin-catalog-backend-module-stagecraft';
import {
  INTENT_CHANGED_TOPIC,
  IntentChangedEvent,
} from '@stagecraft/plugin-stagecraft-node';
import { testCluster } from '@stagecraft/test-cluster';
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import request from 'supertest';
import { stagecraftPlugin } from '../../plugin';

/** The catalog file: one JSON document per entity (YAML reads JSON). */
export const catalogFile = (entities: Entity[]) =>
  entities.map(e => `---\n${JSON.stringify(e)}\n`).join('');

/**
 * A real backend for the event path: the catalog reading a file location, Stagecraft's catalog
 * module (processor, intent events, file watcher), the events service and the Stagecraft plugin
 * deploying to the test cluster. The scheduler is startTestBackend's mock, which runs no task
 * that has an initial delay by itself: the catalog trigger's poll never runs (and its interval is
 * an hour anyway), so only an intent event can explain a release.
 */
export async function startCatalogBackend(
  databases: TestDatabases,
  /** The entities of one file, or a copy of a catalog directory read from its `root` file. */
  catalog: Entity[] | { directory: string; root: string },
  /** watchFiles false: the catalog module's file watcher is off (only refreshes pick up edits). */
  options: {
    watchFiles?: boolean;
    /** More of the `stagecraft` app-config section (e.g. `catalogGuard`). */
    stagecraft?: Record<string, unknown>;
  } = {},
) {
  const dir = await mkdtemp(join(tmpdir(), 'stagecraft-intent-'));
  let file = join(dir, 'catalog-info.yaml');
  if (Array.isArray(catalog)) await writeFile(file, catalogFile(catalog));
  else {
    await cp(catalog.directory, dir, { recursive: true });
    file = join(dir, catalog.root);
  }
  const cluster = testCluster();
  const events: (IntentChangedEvent & { receivedAt: number })[] = [];
  const probe = createBackendPlugin({
    pluginId: 'intentprobe',
    register(env) {
      env.registerInit({
        deps: { events: eventsServiceRef },
        async init(deps) {
          await deps.events.subscribe({
            id: 'probe',
            topics: [INTENT_CHANGED_TOPIC],
            onEvent: async ({ eventPayload }) => {
              events.push({
                ...(eventPayload as IntentChangedEvent),
                receivedAt: Date.now(),
              });
            },
          });
        },
      });
    },
  });
  // The mock scheduler runs no task by itself (all of Stagecraft's have an initial delay);
  // runTask runs one now, as its schedule would.
  // Typed as SchedulerService; the instance is backend-test-utils' MockSchedulerService.
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & { factory(): ReturnType<typeof mockServices.scheduler.factory> };
  let config: ReturnType<typeof mockServices.rootConfig> | undefined;
  const backend = await startTestBackend({
    features: [
      scheduler.factory(),
      // STAGECRAFT_TEST_LOG=info shows the backend's log while debugging.
      mockServices.rootLogger.factory({
        level: (process.env.STAGECRAFT_TEST_LOG as 'info') ?? 'none',
      }),
      // A database per plugin that the test's TestDatabases closes (the default one stays
      // open after the backend stops, and Jest would not exit).
      perPluginDatabases(databases),
      // The real events service: startTestBackend's default gives each plugin its own mock.
      eventsServiceFactory,
      catalogPlugin,
      catalogModuleStagecraft,
      stagecraftPlugin,
      probe,
      liveConfig(
        c => {
          config = c;
        },
        {
          // In-process delivery only: no events backend in this test.
          events: { useEventBus: 'never' },
          catalog: {
            rules: [
              {
                allow: [
                  'Component',
                  'System',
                  'Location',
                  'Endpoint',
                  'Environment',
                  'DeploymentPipeline',
                  'ComponentType',
                  'Trait',
                  // The example organisation's other kinds.
                  'Group',
                  'User',
                  'Domain',
                  'API',
                  'Resource',
                ],
              },
            ],
            locations: [{ type: 'file', target: file }],
            // As in the demo's app-config.yaml: processed entities are served within 100 ms.
            stitchingStrategy: { pollingInterval: { milliseconds: 100 } },
          },
          stagecraft: {
            targets: {
              local: {
                type: 'kubernetes',
                url: cluster.server,
                caFile: cluster.caFile,
                token: cluster.token,
              },
            },
            // Both safety nets an hour away (and the mock scheduler runs neither).
            reconcile: {
              catalogPollSeconds: 3600,
              resyncIntervalSeconds: 3600,
            },
            catalogWatch: { enabled: options.watchFiles ?? true },
            ...options.stagecraft,
          },
        },
      ),
    ],
  });
  const http = backend.server as Server;
  return {
    /** The catalog file (for a directory: its root file); edit it to change the catalog. */
    file,
    /** The directory holding the catalog's files. */
    dir,
    events,
    stop: () => backend.stop(),
    /** Runs one of the plugin's scheduled tasks now and waits for it. */
    runTask: (id: 'stagecraft-catalog-trigger' | 'stagecraft-resync') =>
      scheduler.triggerTask(id),
    /** Replaces the `stagecraft` section, as an edit of a watched app-config does. */
    setStagecraftConfig(edit: (section: Record<string, any>) => void) {
      const data = JSON.parse(JSON.stringify(config!.get())) as Record<
        string,
        any
      >;
      edit(data.stagecraft);
      config!.update({ data });
    },
    /** The catalog's own REST API, as `user:default/ann`. */
    catalogApi: () => ({
      get: (path: string) =>
        request(http)
          .get(`/api/catalog${path}`)
          .set('Authorization', mockCredentials.user.header()),
      delete: (path: string) =>
        request(http)
          .delete(`/api/catalog${path}`)
          .set('Authorization', mockCredentials.user.header()),
    }),
    /** Undeploys through the REST API, as `caller`. */
    undeploy(name: string, environment: string, caller = 'user:default/ann') {
      return request(http)
        .post(
          `/api/stagecraft/components/default/${name}/deployments/${environment}/undeploy`,
        )
        .set('Authorization', mockCredentials.user.header(caller))
        .send({});
    },
    /** An environment's deployments as the REST API reports them. */
    async environmentDeployments(environment: string) {
      const res = await request(http)
        .get(`/api/stagecraft/environments/${environment}/deployments`)
        .set('Authorization', mockCredentials.user.header('user:default/ann'));
      return (res.body.items ?? []) as {
        componentRef: string;
        sync: { state: string; reason: string; lastSyncedAt?: string };
      }[];
    },
    /** Invokes an agent action as `caller`, as the CLI and the MCP actions backend do. */
    invokeAction(name: string, input: object, caller = 'user:default/ann') {
      return request(http)
        .post(
          `/api/stagecraft/.backstage/actions/v1/actions/stagecraft:${name}/invoke`,
        )
        .set('Authorization', mockCredentials.user.header(caller))
        .send(input);
    },
    /** The component's deployments as the REST API reports them. */
    async deployments(name: string) {
      const res = await request(http)
        .get(`/api/stagecraft/components/default/${name}/deployments`)
        .set('Authorization', mockCredentials.user.header('user:default/ann'));
      return (res.body.items ?? []) as {
        environment: string;
        releaseId: string;
        sync?: { state: string; reason?: string };
      }[];
    },
  };
}

/** The root config as a service whose data the test can replace while the backend runs. */
function liveConfig(
  expose: (config: ReturnType<typeof mockServices.rootConfig>) => void,
  data: Record<string, any>,
) {
  const config = mockServices.rootConfig({ data });
  expose(config);
  return createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    factory: () => config,
  });
}

function perPluginDatabases(databases: TestDatabases) {
  const knexes = new Map<string, Promise<Knex>>();
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => ({
      getClient: () => {
        const id = plugin.getId();
        if (!knexes.has(id)) knexes.set(id, databases.init('SQLITE_3'));
        return knexes.get(id)!;
      },
    }),
  });
}
