/*
 * The backend under load, in a process of its own (started by startBackendProcess.ts): the
 * real Stagecraft plugin over HTTP under Backstage's startTestBackend, with an in-memory SQLite
 * database, an in-memory catalog holding the bench's entities, mock auth that treats every
 * request as a signed-in user, permissions that allow, and a mock scheduler whose catalog
 * trigger is run once at start-up (every component's latest release to its first stage).
 *
 * A process of its own so that the RSS, heap and CPU the bench reports are the backend's, not
 * the load generator's. It reports them over the IPC channel every SAMPLE_MS, answers `gc`
 * (it runs with --expose-gc) and stops on SIGTERM or when the parent goes away.
 */
import {
  SchedulerService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import stagecraftPlugin from '@stagecraft/plugin-stagecraft-backend';
import knexFactory from 'knex';
import { readFileSync } from 'node:fs';

/** What the parent hands over, as a JSON file named by argv[2]. */
export interface BackendProcessInput {
  cluster: { server: string; caFile: string; token: string };
  entities: Entity[];
}

/** What the child sends over IPC. */
export type BackendProcessMessage =
  | { type: 'ready'; url: string }
  | {
      type: 'usage';
      at: number;
      rss: number;
      heapUsed: number;
      cpuMicros: number;
    }
  | { type: 'gc-done' };

const SAMPLE_MS = 250;

async function main() {
  const input = JSON.parse(
    readFileSync(process.argv[2], 'utf8'),
  ) as BackendProcessInput;
  const send = (message: BackendProcessMessage) => process.send?.(message);
  const scheduler = mockServices.scheduler() as SchedulerService;
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const backend = await startTestBackend({
    features: [
      stagecraftPlugin,
      mockServices.rootLogger.factory({ level: 'warn' }),
      mockServices.rootConfig.factory({
        data: {
          stagecraft: {
            targets: {
              local: {
                type: 'kubernetes',
                url: input.cluster.server,
                caFile: input.cluster.caFile,
                token: input.cluster.token,
              },
            },
            reconcile: { resyncIntervalSeconds: 3600 },
          },
        },
      }),
      mockServices.database.factory({ knex }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      catalogServiceMock.factory({ entities: input.entities }),
    ],
  });
  await scheduler.triggerTask('stagecraft-catalog-trigger');
  const port = (backend.server as unknown as { port(): number }).port();
  const sample = () => {
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    send({
      type: 'usage',
      at: Date.now(),
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      cpuMicros: cpu.user + cpu.system,
    });
  };
  const timer = setInterval(sample, SAMPLE_MS);
  process.on('message', message => {
    if (message !== 'gc') return;
    (globalThis as { gc?: () => void }).gc?.();
    sample();
    send({ type: 'gc-done' });
  });
  const stop = async () => {
    clearInterval(timer);
    await backend.stop();
    await knex.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  send({ type: 'ready', url: `http://127.0.0.1:${port}/api/stagecraft` });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
