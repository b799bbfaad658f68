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
 * "Deploy what I just committed": with the file watcher off and the trigger's poll never
 * running, nothing would notice an edit for the catalog's processing interval. The
 * stagecraft:deploy action refreshes the entity (as the caller), waits for the new intent,
 * and deploys its release — through the real catalog, actions registry and backend.
 */

const { databases } = createTestDatabases();

describeWithCluster(
  'stagecraft:deploy refreshes the catalog first (real catalog, backend and cluster)',
  () => {
    const project = `d${randomBytes(3).toString('hex')}`;
    const entities = (image: string) =>
      testCatalog(project)
        .filter(e => e.metadata.name !== 'worker')
        .map(e =>
          e.metadata.name === 'api'
            ? component('api', project, { type: 'service', image, replicas: 1 })
            : e,
        );
    let b: Awaited<ReturnType<typeof startCatalogBackend>>;
    beforeAll(async () => {
      b = await startCatalogBackend(
        databases,
        entities('registry.example/api:1'),
        { watchFiles: false },
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

    const dev = async () =>
      (await b.deployments('api')).find(d => d.environment === 'dev');

    it('deploys an edit the catalog has not read yet', async () => {
      const first = await eventually(
        dev,
        d => !!d,
        'the first release',
        60_000,
      );
      await writeFile(b.file, catalogFile(entities('registry.example/api:2')));
      // Unnoticed: no watcher, no poll.
      await new Promise(r => setTimeout(r, 3000));
      expect((await dev())?.releaseId).toBe(first!.releaseId);

      const started = Date.now();
      const res = await b.invokeAction('deploy', { component: 'api' });
      expect(res.status).toBe(200);
      expect(res.body.output).toMatchObject({
        intentChanged: true,
        deployment: {
          environment: 'dev',
          image: 'registry.example/api:2',
        },
      });
      expect(res.body.output.deployment.releaseId).not.toBe(first!.releaseId);
      // eslint-disable-next-line no-console
      console.log(
        `stagecraft:deploy with refresh answered in ${Date.now() - started} ms`,
      );
    }, 90_000);

    it('answers 400 to a component reference outside the default namespace', async () => {
      const res = await b.invokeAction('deploy', {
        component: 'component:other/api',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain('is not a component reference');
    });
  },
);
