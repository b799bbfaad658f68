import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import {
  describeWithCluster,
  LocalCluster,
  startClusterProcesses,
  startLocalCluster,
  stopClusterProcesses,
} from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { eventually } from '../__testUtils__/eventually';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  expectStatus,
  liveDeployment,
  startTwoClusterBackend,
  TwoClusterBackend,
  twoClusterCatalog,
  untilSynced,
} from './__testUtils__/twoClusterBackend';

const { databases } = createTestDatabases();
const base = '/api/stagecraft/components/default';
const seconds = (since: number) =>
  `${((Date.now() - since) / 1000).toFixed(1)} s`;
/** Figures for docs/benchmarks.md § "Several clusters", printed as they are measured. */
const figure = (line: string) =>
  process.stdout.write(`[several clusters] ${line}\n`);

/** The `line` events of a finished log stream (`follow=false`). */
function logLines(eventStream: string): { pod: string; text: string }[] {
  return eventStream
    .split('\n\n')
    .map(block => block.split('\n'))
    .filter(([event]) => event === 'event: line')
    .map(([, data]) => JSON.parse(data.slice('data: '.length)));
}

describeWithCluster(
  'several clusters: dev and staging on cluster A, production on cluster B (real backend, two real clusters)',
  () => {
    // Two clusters of this file's own (the shared one serves other files): each its own etcd,
    // kube-apiserver, controllers and kwok node, on its own ports and directory.
    let a: LocalCluster;
    let b: LocalCluster;
    let backend: TwoClusterBackend;
    const project = `m${randomBytes(3).toString('hex')}`;
    const ns = (environment: string) => `${project}-${environment}`;
    const releases: Record<string, Record<string, string>> = {};

    beforeAll(async () => {
      const started = Date.now();
      [a, b] = await Promise.all([
        startLocalCluster({ mode: 'full' }),
        startLocalCluster({ mode: 'full' }),
      ]);
      figure(
        `two full-mode clusters started side by side in ${seconds(started)}`,
      );
      backend = await startTwoClusterBackend({
        databases,
        clusters: { local: a, production: b },
        entities: twoClusterCatalog(project),
      });
    }, 120_000);
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
    });

    it('deploys to dev on cluster A and promotes from staging on A to production on B', async () => {
      let started = Date.now();
      await backend.runCatalogTrigger();
      const dev = await backend.deployments('api');
      const r1 = dev.dev.releaseId as string;
      releases.r1 = {
        api: r1,
        worker: (await backend.deployments('worker')).dev.releaseId,
      };
      await untilSynced(backend, 'dev', releases.r1);
      figure(`catalog → dev synced on cluster A: ${seconds(started)}`);
      expect(dev.dev.target).toBe('local');
      expect(await liveDeployment(a, ns('dev'), 'api')).toBeDefined();
      expect(await liveDeployment(b, ns('dev'), 'api')).toBeUndefined();

      for (const component of ['api', 'worker'])
        await expectStatus(
          backend.post('ann', `${base}/${component}/promote`, { from: 'dev' }),
          202,
        );
      await untilSynced(backend, 'staging', releases.r1);
      started = Date.now();
      for (const component of ['api', 'worker']) {
        const asked = await expectStatus(
          backend.post('ann', `${base}/${component}/promote`, {
            from: 'staging',
          }),
          201,
        );
        await expectStatus(
          backend.post(
            'bob',
            `/api/stagecraft/approvals/${asked.body.approval.id}/approve`,
          ),
          200,
        );
      }
      await untilSynced(backend, 'production', releases.r1);
      figure(
        `approved promotion staging (A) → production (B) synced: ${seconds(
          started,
        )}`,
      );

      const api = await backend.deployments('api');
      expect(api.staging.target).toBe('local');
      expect(api.production.target).toBe('production');
      // Each environment's objects live on its own cluster, and only there.
      expect(await liveDeployment(a, ns('staging'), 'api')).toBeDefined();
      expect(await liveDeployment(b, ns('staging'), 'api')).toBeUndefined();
      expect(
        (await liveDeployment(b, ns('production'), 'api'))?.spec?.template.spec
          ?.containers[0].image,
      ).toBe('registry.example/api:1');
      expect(await liveDeployment(a, ns('production'), 'api')).toBeUndefined();
    }, 120_000);

    /** The api pods the runtime view of `environment` shows, next to those `cluster` runs. */
    async function runtimePods(environment: string, cluster: LocalCluster) {
      const podsThere = (
        await cluster
          .kubeConfig()
          .makeApiClient(CoreV1Api)
          .listNamespacedPod({ namespace: ns(environment) })
      ).items
        .filter(p => p.metadata?.labels?.['stagecraft.dev/component'] === 'api')
        .map(p => p.metadata!.name!)
        .sort();
      const runtime = await eventually(
        () =>
          backend
            .get(`${base}/api/deployments/${environment}/runtime`)
            .then(r => r.body),
        body =>
          body.available !== false && body.pods?.length === podsThere.length,
        `the runtime view of api in ${environment}`,
      );
      return {
        shown: runtime.pods.map((p: { name: string }) => p.name).sort(),
        podsThere,
      };
    }

    it('shows each environment the pods and logs of its own cluster', async () => {
      const dev = await runtimePods('dev', a);
      const production = await runtimePods('production', b);
      expect(dev.podsThere.length).toBeGreaterThan(0);
      expect(dev.shown).toEqual(dev.podsThere);
      expect(production.podsThere.length).toBeGreaterThan(0);
      expect(production.shown).toEqual(production.podsThere);

      // kwok serves every pod's log of a cluster from that cluster's own file: a line written
      // to one cluster's file reaches only the environments on that cluster.
      const marks = {
        a: `on cluster A ${randomBytes(3).toString('hex')}`,
        b: `on cluster B ${randomBytes(3).toString('hex')}`,
      };
      await a.appendPodLog([marks.a]);
      await b.appendPodLog([marks.b]);
      const logs = async (environment: string) => {
        const res = await backend.get(
          `${base}/api/deployments/${environment}/logs?follow=false&tailLines=5`,
        );
        expect(res.status).toBe(200);
        return logLines(res.text).map(l => l.text);
      };
      const devLogs = await logs('dev');
      const productionLogs = await logs('production');
      expect(devLogs).toContain(marks.a);
      expect(devLogs).not.toContain(marks.b);
      expect(productionLogs).toContain(marks.b);
      expect(productionLogs).not.toContain(marks.a);
    }, 60_000);

    it('heals drift on each cluster', async () => {
      for (const [environment, cluster] of [
        ['dev', a],
        ['production', b],
      ] as const) {
        const apps = cluster.kubeConfig().makeApiClient(AppsV1Api);
        const live = (await liveDeployment(cluster, ns(environment), 'api'))!;
        const desired = live.spec!.replicas;
        const started = Date.now();
        await apps.replaceNamespacedDeployment({
          name: 'api',
          namespace: ns(environment),
          body: { ...live, spec: { ...live.spec!, replicas: 7 } },
        });
        const healed = await eventually(
          () => liveDeployment(cluster, ns(environment), 'api'),
          d => d?.spec?.replicas === desired,
          `the hand-scaled api in ${environment} to be put back to ${desired} replicas`,
        );
        expect(healed?.spec?.replicas).toBe(desired);
        figure(
          `drift in ${environment} (cluster ${
            cluster === a ? 'A' : 'B'
          }) healed in ${seconds(started)}`,
        );
      }
    }, 60_000);

    it('shows an outage of cluster B on production only, with the reason, and converges production when B returns', async () => {
      const bAddress = new URL(b.server).host;
      await stopClusterProcesses(b);
      const outageStarted = Date.now();

      // Until B's drift watches notice the outage (they resume at once after the server ends
      // their watches, and fail; longer on a busy machine) they still count as current, and a
      // status read is answered from what they saw (WorkloadObservationCache): production may
      // read `synced` for that long. Wait for both production deployments to report the
      // outage; what they report is asserted below.
      const duringOutage = await eventually(
        () =>
          Promise.all(
            ['api', 'worker'].map(component => backend.deployments(component)),
          ),
        both => both.every(d => d.production?.sync.state === 'unknown'),
        'api and worker in production to read unknown once cluster B is down',
      );
      figure(
        `cluster B stopped → both production deployments read unknown: ${seconds(
          outageStarted,
        )}`,
      );
      for (const d of duringOutage) {
        expect(d.production.sync.state).toBe('unknown');
        expect(d.production.sync.reason).toMatch(
          new RegExp(
            `^cluster production unreachable: connect ECONNREFUSED ${bAddress.replace(
              '.',
              '\\.',
            )}; last reconcile: `,
          ),
        );
        expect(d.dev.sync.state).toBe('synced');
        expect(d.staging.sync.state).toBe('synced');
      }
      const environment = async (name: string) =>
        (
          await expectStatus(
            backend.get(`/api/stagecraft/environments/${name}/deployments`),
            200,
          )
        ).body.items.map((d: any) => d.sync.state);
      // Most likely read live by now, the watches having seen B go; waited for all the same,
      // for the reason above.
      await eventually(
        (): Promise<string[]> => environment('production'),
        states => states.length === 2 && states.every(s => s === 'unknown'),
        'the production listing to read unknown for both deployments',
      );
      expect(await environment('staging')).toEqual(['synced', 'synced']);

      // Work goes on during the outage: a new api release reaches dev and staging on A, and
      // its approved promotion into production is queued for B.
      backend.setEntities(
        backend.entities.map(e =>
          e.kind === 'Component' && e.metadata.name === 'api'
            ? {
                ...e,
                spec: {
                  ...e.spec,
                  deploy: {
                    ...(e.spec as any).deploy,
                    image: 'registry.example/api:2',
                  },
                },
              }
            : e,
        ),
      );
      await backend.runCatalogTrigger();
      const r2 = await eventually(
        () => backend.deployments('api').then(d => d.dev.releaseId as string),
        id => id !== releases.r1.api,
        'a new api release in dev',
      );
      await untilSynced(backend, 'dev', { api: r2 });
      await expectStatus(
        backend.post('ann', `${base}/api/promote`, { from: 'dev' }),
        202,
      );
      await untilSynced(backend, 'staging', { api: r2 });
      const asked = await expectStatus(
        backend.post('ann', `${base}/api/promote`, { from: 'staging' }),
        201,
      );
      await expectStatus(
        backend.post(
          'bob',
          `/api/stagecraft/approvals/${asked.body.approval.id}/approve`,
        ),
        200,
      );
      const failed = await eventually(
        () => backend.deployments('api').then(d => d.production.sync),
        sync => sync.state === 'failed',
        'the promotion into production to fail while B is down',
      );
      expect(failed.reason).toContain('production');
      expect(failed.reason).toContain('ECONNREFUSED');
      const others = await backend.deployments('api');
      expect([others.dev.sync.state, others.staging.sync.state]).toEqual([
        'synced',
        'synced',
      ]);

      // Cluster B comes back on the same ports with the same etcd data (its objects kept).
      await startClusterProcesses(b);
      const returned = Date.now();
      figure(
        `cluster B down for ${seconds(
          outageStarted,
        )}, back in the API after restart`,
      );
      // Stagecraft's part: the promotion made during the outage is applied to B…
      await eventually(
        () => backend.deployments('api').then(d => d.production.sync),
        sync => sync.lastAppliedReleaseId === r2,
        'r2 applied to production on B',
        60_000,
      );
      figure(
        `production: the release promoted during the outage applied ${seconds(
          returned,
        )} after cluster B returned, nobody acting`,
      );
      // …and B's own: its controllers and kwok nodes, restarted too, roll it out.
      await untilSynced(
        backend,
        'production',
        { api: r2, worker: releases.r1.worker },
        90_000,
      );
      figure(
        `production converged (rolled out, every deployment synced) ${seconds(
          returned,
        )} after cluster B returned`,
      );
      // The drift watch saw B come back and queued what had not converged then (the queue's
      // own retry may have been first: then nothing is left to queue).
      const reconnected = await eventually(
        async () =>
          backend.logged.find(m =>
            m.startsWith('cluster of target production answers again'),
          ),
        m => m !== undefined,
        'the drift watch to report cluster B back',
        60_000,
      );
      expect(reconnected).toMatch(
        /^cluster of target production answers again: queued [0-2] of its 2 deployment\(s\) that had not converged$/,
      );
      expect(
        (await liveDeployment(b, ns('production'), 'api'))?.spec?.template.spec
          ?.containers[0].image,
      ).toBe('registry.example/api:2');
      expect(await environment('staging')).toEqual(['synced', 'synced']);
    }, 180_000);
  },
);
