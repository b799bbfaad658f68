/**
 * A Stagecraft control plane in a process of its own, wired as plugin.ts wires it — stores on
 * the given database, the catalog source, data planes from `stagecraft.targets`, the reconcile
 * loop with its leases, drift watches, the catalog trigger runner, the periodic resync and the
 * pass over unclaimed work (wiring/requeueUnclaimed) — without the HTTP side. Fault tests run it as a child process so that they can kill it with
 * SIGKILL mid-sync, as a crash or the OOM killer would, and start another.
 *
 * Run: `node -r @backstage/cli/config/nodeTransform.cjs controlPlaneProcess.ts <settings.json>`.
 * Reports one JSON object per line on stdout (see {@link ChildEvent}).
 */
import type {
  AuditorService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { readDataPlaneTargets } from '@stagecraft/plugin-stagecraft-node';
import knexFactory, { Knex } from 'knex';
import { readFileSync } from 'node:fs';
import { CatalogSource } from '../../catalog/CatalogSource';
import { DeploymentStore } from '../../database/DeploymentStore';
import { LeaseStore } from '../../database/LeaseStore';
import { migrate } from '../../database/migrate';
import { StatusStore } from '../../database/StatusStore';
import { deploymentKeyString } from '../../deployment/DeploymentKey';
import { ManagedObjectWatcher } from '../../drift/ManagedObjectWatcher';
import {
  ControlPlane,
  DEFAULT_CONTROL_PLANE_OPTIONS,
} from '../../reconcile/ControlPlane';
import { CatalogTriggerRunner } from '../../trigger/CatalogTriggerRunner';
import { createDataPlanes } from '../../wiring/createDataPlanes';
import { readReconcileOptions } from '../../wiring/readReconcileOptions';
import { requeueUnclaimed } from '../../wiring/requeueUnclaimed';

/** What the parent passes in the settings file. */
export interface ControlPlaneProcessSettings {
  /** A knex configuration: `better-sqlite3` on a file, or `pg`. */
  database: Knex.Config;
  /** The `stagecraft` app-config section: targets, reconcile. */
  stagecraft: ConstructorParameters<typeof ConfigReader>[0];
  entities: Entity[];
  /** Lease timing (also how often unclaimed work is requeued); the plugin: the defaults (15 s, 2 s). */
  leaseTtlMs?: number;
  leaseRetryMs?: number;
  /** How often the catalog trigger polls (the plugin: `catalogPollSeconds`). */
  triggerIntervalMs: number;
  /** How often every deployment is queued again (the plugin: `resyncIntervalSeconds`). */
  resyncIntervalMs: number;
}

/** One line of the child's stdout. */
export type ChildEvent =
  | { event: 'ready'; holder: string }
  | { event: 'started' | 'finished'; key: string; holder: string }
  | { event: 'log'; level: string; message: string };

const emit = (event: ChildEvent) =>
  process.stdout.write(`${JSON.stringify(event)}\n`);

function lineLogger(): LoggerService {
  const log = (level: string) => (message: string) =>
    emit({ event: 'log', level, message });
  const logger: LoggerService = {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

const quietAuditor: AuditorService = {
  async createEvent() {
    return { async success() {}, async fail() {} };
  },
};

async function main(settingsFile: string) {
  const settings: ControlPlaneProcessSettings = JSON.parse(
    readFileSync(settingsFile, 'utf8'),
  );
  const config = new ConfigReader({ stagecraft: settings.stagecraft ?? {} });
  const logger = lineLogger();
  const knex = knexFactory({ useNullAsDefault: true, ...settings.database });
  await migrate(knex);
  const store = new DeploymentStore(knex);
  const status = new StatusStore(knex);
  const options = readReconcileOptions(config);
  const entities = settings.entities;
  // The catalog service answers with the fixed entities; CatalogSource is the plugin's own.
  const catalogSource = new CatalogSource(
    { getEntities: async () => ({ items: entities }) } as any,
    { getOwnServiceCredentials: async () => ({}) } as any,
  );
  const dataPlanes = createDataPlanes(readDataPlaneTargets(config), {
    logger,
    limits: options.limits,
  });
  const controlPlane = new ControlPlane(
    {
      store,
      status,
      leases: new LeaseStore(knex),
      catalog: () => catalogSource.snapshot(),
      dataPlanes,
      logger,
      observer: {
        started: (key, holder) =>
          emit({ event: 'started', key: deploymentKeyString(key), holder }),
        finished: (key, holder) =>
          emit({ event: 'finished', key: deploymentKeyString(key), holder }),
      },
    },
    {
      concurrency: options.concurrency,
      ...(settings.leaseTtlMs ? { leaseTtlMs: settings.leaseTtlMs } : {}),
      ...(settings.leaseRetryMs ? { leaseRetryMs: settings.leaseRetryMs } : {}),
    },
  );
  const trigger = new CatalogTriggerRunner({
    catalogSource,
    store,
    status,
    leases: new LeaseStore(knex),
    enqueue: key => controlPlane.enqueue(key),
    logger,
    auditor: quietAuditor,
  });
  const watchers = [...dataPlanes.values()].flatMap(({ cluster }) =>
    cluster
      ? [
          new ManagedObjectWatcher({
            kubeConfig: cluster.kubeConfig,
            logger,
            onEvent: event => controlPlane.onWatchEvent(event),
          }),
        ]
      : [],
  );

  // The plugin's startup hook, then its two scheduled tasks.
  controlPlane.start();
  await Promise.all(watchers.map(w => w.start()));
  await controlPlane.resync();
  emit({ event: 'ready', holder: controlPlane.holder });
  const every = (ms: number, task: () => Promise<unknown>) => {
    const run = () =>
      task()
        .catch(error => logger.warn(`scheduled task failed: ${error}`))
        .finally(() => setTimeout(run, ms));
    return run;
  };
  every(settings.triggerIntervalMs, () => trigger.run())();
  setTimeout(
    every(settings.resyncIntervalMs, () => controlPlane.resync()),
    settings.resyncIntervalMs,
  );
  const leaseTtlMs =
    settings.leaseTtlMs ?? DEFAULT_CONTROL_PLANE_OPTIONS.leaseTtlMs;
  const requeue = { store, status, leases: new LeaseStore(knex) };
  setTimeout(
    every(leaseTtlMs, () =>
      requeueUnclaimed({ ...requeue, enqueue: k => controlPlane.enqueue(k) }),
    ),
    leaseTtlMs,
  );
  // A graceful stop on SIGTERM, as the backend's shutdown hook; SIGKILL skips all of this.
  process.once('SIGTERM', async () => {
    await Promise.all(watchers.map(w => w.stop()));
    await controlPlane.stop();
    await knex.destroy();
    process.exit(0);
  });
}

main(process.argv[2]).catch(error => {
  emit({
    event: 'log',
    level: 'fatal',
    message: String(error?.stack ?? error),
  });
  process.exit(1);
});
