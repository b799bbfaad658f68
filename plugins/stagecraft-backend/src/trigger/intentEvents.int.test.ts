import { CoreV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { component, testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  catalogFile,
  startCatalogBackend,
} from './__testUtils__/catalogBackend';

/*
 * A catalog edit reaches the cluster through the event path alone: the file watcher asks the
 * catalog to refresh the edited file's entities, the catalog module announces the changed
 * intent, the control plane's trigger releases and deploys it. The trigger's poll and the
 * resync never run in this backend, so nothing else can explain the new pods. Prints the
 * latencies (the project measures speed, it does not assert it).
 */

const { databases } = createTestDatabases();
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describeWithCluster(
  'catalog edits reach the control plane through intent events (real catalog, backend and cluster)',
  () => {
    const project = `e${randomBytes(3).toString('hex')}`;
    const entities = (image: string) =>
      testCatalog(project)
        .filter(e => e.metadata.name !== 'worker')
        .map(e =>
          e.metadata.name === 'api'
            ? component('api', project, {
                type: 'service',
                image,
                replicas: 1,
              })
            : e,
        );
    let b: Awaited<ReturnType<typeof startCatalogBackend>>;

    beforeAll(async () => {
      b = await startCatalogBackend(
        databases,
        entities('registry.example/api:1'),
      );
    }, 60_000);
    afterAll(async () => {
      await b?.stop();
      const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
      for (const env of ['dev', 'staging', 'production'])
        await core
          .deleteNamespace({ name: `${project}-${env}` })
          .catch(() => undefined);
    });

    const pods = async () => {
      const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
      const { items } = await core.listNamespacedPod({
        namespace: `${project}-dev`,
      });
      return items.filter(p => !p.metadata?.deletionTimestamp);
    };
    const runningWith = (image: string) => async () =>
      (await pods()).some(
        p =>
          p.status?.phase === 'Running' &&
          p.spec?.containers.some(c => c.image === image),
      );

    it('deploys the catalog as the module announces it, without the poll', async () => {
      await eventually(
        // The deployments come along so a timeout says how far the control plane got.
        async () => ({
          running: await runningWith('registry.example/api:1')(),
          deployments: await b.deployments('api'),
        }),
        seen => seen.running,
        'the first release of api to run in dev',
        60_000,
      );
      expect(b.events).toContainEqual(
        expect.objectContaining({ entityRef: 'component:default/api' }),
      );
    }, 90_000);

    it('turns an edit of the file into Running pods of the new image', async () => {
      const [before] = (await b.deployments('api')).filter(
        d => d.environment === 'dev',
      );
      const eventsBefore = b.events.length;
      const edited = Date.now();
      await writeFile(b.file, catalogFile(entities('registry.example/api:2')));

      let queued = 0;
      let running = 0;
      while (Date.now() - edited < 60_000 && !running) {
        // Pods first: new pods imply the new release, so the read after them always sees it
        // (read the other way round, a loaded machine could see old release, then new pods).
        const podsRunNew = await runningWith('registry.example/api:2')();
        const podsSeen = Date.now();
        if (!queued) {
          const [dev] = (await b.deployments('api')).filter(
            d => d.environment === 'dev',
          );
          if (dev && dev.releaseId !== before.releaseId) queued = Date.now();
        }
        if (podsRunNew) running = podsSeen;
        else await sleep(20);
      }
      const announced = b.events
        .slice(eventsBefore)
        .find(e => e.entityRef === 'component:default/api');
      expect(announced).toBeDefined();
      expect(queued).toBeGreaterThan(0);
      expect(running).toBeGreaterThan(0);
      const allRunNew = (await pods()).every(p =>
        p.spec?.containers.every(c => c.image === 'registry.example/api:2'),
      );
      // eslint-disable-next-line no-console
      console.log(
        [
          'catalog edit → running, through the event path (no poll):',
          `  file written → catalog processed (event): ${
            announced!.processedAt - edited
          } ms`,
          `  catalog processed → release queued:       ${
            queued - announced!.processedAt
          } ms (first look at the API after it)`,
          `  file written → pod Running new image:     ${running - edited} ms`,
          `  old pods gone at that moment:             ${allRunNew}`,
        ].join('\n'),
      );
    }, 90_000);
  },
);
