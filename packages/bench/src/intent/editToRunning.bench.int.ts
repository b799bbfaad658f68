/*
 * `yarn bench:intent` — the issue-17 figure on the example organisation: a backend (real
 * catalog with Stagecraft's module and file watcher, events service, Stagecraft plugin) on the
 * test cluster reads a copy of catalog-info/, deploys it, then an edit of checkout-api's image
 * tag in the copy is timed until checkout-api's dev pods run the new image. The trigger's poll
 * never runs (startTestBackend's scheduler), so the figure is the event path's. Prints figures;
 * asserts only that the edit arrived. Not part of `yarn test:integration` (it deploys the whole
 * example into the shared test cluster's namespaces).
 */
import { CoreV1Api } from '@kubernetes/client-node';
import { createTestDatabases } from '@stagecraft/plugin-stagecraft-backend/src/__testUtils__/testDatabases';
import { startCatalogBackend } from '@stagecraft/plugin-stagecraft-backend/src/trigger/__testUtils__/catalogBackend';
import {
  describeWithCluster,
  installAddons,
  testCluster,
} from '@stagecraft/test-cluster';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const { databases } = createTestDatabases();
/** The repository's example organisation (beside packages/test-cluster). */
const exampleOrganisation = join(
  dirname(require.resolve('@stagecraft/test-cluster/package.json')),
  '..',
  '..',
  'catalog-info',
);
const OLD = 'registry.acme-retail.example/checkout-api:2.7.0';
const NEW = 'registry.acme-retail.example/checkout-api:2.7.1-bench';
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describeWithCluster(
  'edit catalog-info → Running pods (example organisation)',
  () => {
    it('prints the time from the edit to pods running the new image', async () => {
      const started = Date.now();
      await installAddons(testCluster().kubeConfig());
      const b = await startCatalogBackend(databases, {
        directory: exampleOrganisation,
        root: 'all.yaml',
      });
      const core = testCluster().kubeConfig().makeApiClient(CoreV1Api);
      const pods = async () =>
        (await core.listNamespacedPod({ namespace: 'payments-dev' })).items
          .filter(p => !p.metadata?.deletionTimestamp)
          .filter(p => p.metadata?.name?.startsWith('checkout-api'));
      const running = async (image: string) =>
        (await pods().catch(() => [])).filter(
          p =>
            p.status?.phase === 'Running' &&
            p.spec?.containers.some(c => c.image === image),
        ).length;
      try {
        while (!(await running(OLD)) && Date.now() - started < 180_000)
          await sleep(200);
        const deployed = Date.now();
        const file = join(b.dir, 'systems', 'payments.yaml');
        const edited = Date.now();
        await writeFile(file, (await readFile(file, 'utf8')).replace(OLD, NEW));
        let first = 0;
        let complete = 0;
        while (!complete && Date.now() - edited < 60_000) {
          const now = await pods();
          const fresh = now.filter(
            p =>
              p.status?.phase === 'Running' &&
              p.spec?.containers.some(c => c.image === NEW),
          );
          if (fresh.length && !first) first = Date.now();
          if (fresh.length && fresh.length === now.length)
            complete = Date.now();
          else await sleep(20);
        }
        const announced = b.events.find(
          e =>
            e.entityRef === 'component:default/checkout-api' &&
            e.processedAt >= edited,
        );
        // eslint-disable-next-line no-console
        console.log(
          [
            'example organisation, edit of checkout-api image tag in catalog-info (event path, no poll):',
            `  start-up until checkout-api ran in dev:     ${
              deployed - started
            } ms`,
            `  edit → catalog processed (intent event):    ${
              announced ? announced.processedAt - edited : 'none'
            } ms`,
            `  edit → first pod Running the new image:     ${
              first ? first - edited : 'not within 60 s'
            } ms`,
            `  edit → every checkout-api pod on new image: ${
              complete ? complete - edited : 'not within 60 s'
            } ms`,
          ].join('\n'),
        );
        expect(first).toBeGreaterThan(0);
      } finally {
        await b.stop();
      }
    }, 300_000);
  },
);
