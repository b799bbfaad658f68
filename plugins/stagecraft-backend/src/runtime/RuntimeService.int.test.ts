import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { CoreV1Api } from '@kubernetes/client-node';
import {
  clusterServesMetrics,
  describeWithCluster,
  testCluster,
} from '@stagecraft/test-cluster';
import express from 'express';
import { randomBytes } from 'node:crypto';
import { get as httpGet, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { LogLine, LogSource, RuntimeActions } from '../actions/types';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { createRouter } from '../service/createRouter';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { RuntimeService } from './RuntimeService';

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const dev = { componentRef: 'component:default/api', environment: 'dev' };

/**
 * Wraps the runtime's log sources to record when each one has finished: the pod log
 * iteration ends only after its connection to the API server is closed.
 */
function observingLogs(runtime: RuntimeActions) {
  const opened: string[] = [];
  const finished: string[] = [];
  const observed: RuntimeActions = {
    getRuntime: (...args) => runtime.getRuntime(...args),
    getManifests: (...args) => runtime.getManifests(...args),
    listLinks: (...args) => runtime.listLinks(...args),
    openLogs: async (...args) =>
      (await runtime.openLogs(...args)).map(
        (source): LogSource => ({
          ...source,
          async *lines(signal): AsyncIterable<LogLine> {
            opened.push(source.pod);
            try {
              yield* source.lines(signal);
            } finally {
              finished.push(source.pod);
            }
          },
        }),
      ),
  };
  return { observed, opened, finished };
}

/** A server-sent event stream read as it arrives. */
async function openEventStream(url: string) {
  const response: IncomingMessage = await new Promise((resolve, reject) =>
    httpGet(url, resolve).on('error', reject),
  );
  response.setEncoding('utf8');
  const lines: LogLine[] = [];
  let pending = '';
  response.on('data', chunk => {
    const blocks = (pending + chunk).split('\n\n');
    pending = blocks.pop() ?? '';
    for (const block of blocks) {
      const [event, data] = block.split('\n');
      if (event === 'event: line')
        lines.push(JSON.parse(data.slice('data: '.length)));
    }
  });
  return { response, lines };
}

describeWithCluster('runtime views on the local cluster', () => {
  // A project of its own per run: its namespaces are <project>-<environment>.
  const project = `r${randomBytes(3).toString('hex')}`;
  const core = () => testCluster().kubeConfig().makeApiClient(CoreV1Api);

  async function setUp() {
    const kubeConfig = testCluster().kubeConfig();
    const dataPlanes = new Map([
      [
        'local',
        new KubernetesDataPlane(
          'local',
          kubeConfig,
          new ServerSideApplier(kubeConfig),
        ),
      ],
    ]);
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: testCatalog(project),
      dataPlanes,
    });
    h.controlPlane.start();
    await h.triggerCatalog();
    await h.controlPlane.idle();
    const runtime = new RuntimeService({
      deployments: h.actions,
      store: h.store,
      dataPlanes,
      links: [],
      logger: mockServices.logger.mock(),
    });
    return { ...h, runtime };
  }

  afterAll(async () => {
    await core()
      .deleteNamespace({ name: `${project}-dev` })
      .catch(() => undefined);
  });

  it('shows the running pods of a deployment with their owner chain and node, and the events about it', async () => {
    const h = await setUp();
    try {
      // Usage comes from metrics.k8s.io, which the cluster serves when its telemetry servers
      // run (always in CI); without them the snapshot has no usage rather than a zero. Each
      // snapshot asks the metrics API afresh, with a 3 s timeout (PodMetrics), and one that
      // times out on a busy machine has no usage: when metrics are served, wait for a
      // snapshot that has it too.
      const served = clusterServesMetrics();
      const snapshot = await eventually(
        () => h.runtime.getRuntime(dev, ann),
        s =>
          s.pods.length === 2 &&
          s.pods.every(p => p.phase === 'Running' && p.ready) &&
          s.events.some(e => e.reason === 'ScalingReplicaSet') &&
          (!served || s.usage !== undefined),
        `two running pods of api and the rollout event${
          served ? ', with usage' : ''
        }`,
      );

      expect(snapshot).toMatchObject({ ...dev, available: true });
      const measured = {
        cpuMillicores: expect.any(Number),
        memoryBytes: expect.any(Number),
      };
      expect(snapshot.usage).toEqual(served ? measured : undefined);
      for (const { usage, ...pod } of snapshot.pods) {
        // A pod's own usage arrives once metrics-server has scraped it (every 10 s), which
        // this test does not wait for: it is checked only for its shape when there.
        expect(usage).toEqual(served && usage ? measured : undefined);
        expect(pod).toEqual({
          name: expect.stringMatching(/^api-[a-z0-9]+-[a-z0-9]+$/),
          namespace: `${project}-dev`,
          phase: 'Running',
          ready: true,
          restarts: 0,
          node: expect.stringMatching(/^kwok-node-\d+$/),
          startedAt: expect.any(String),
          owners: [
            {
              kind: 'ReplicaSet',
              name: expect.stringMatching(/^api-[a-z0-9]+$/),
            },
            { kind: 'Deployment', name: 'api' },
          ],
          containers: [
            {
              name: 'main',
              image: 'registry.example/api:1',
              ready: true,
              restarts: 0,
              state: 'running',
            },
          ],
        });
      }
      expect(snapshot.events).toContainEqual(
        expect.objectContaining({ object: 'Deployment api', type: 'Normal' }),
      );
      // The worker's pods and events are its own.
      expect(snapshot.events.every(e => !/worker/.test(e.object))).toBe(true);
    } finally {
      await h.runtime.stop();
      await h.controlPlane.stop();
    }
  });

  it('streams a log line appended while following, and closes the upstream when the client leaves', async () => {
    const h = await setUp();
    const { observed, opened, finished } = observingLogs(h.runtime);
    const app = express().use(
      '/api/stagecraft',
      createRouter({
        actions: h.actions,
        runtime: observed,
        httpAuth: mockServices.httpAuth(),
        targets: [],
        logger: mockServices.logger.mock(),
      }),
    );
    const server: Server = await new Promise(resolve => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    try {
      const pods = (
        await eventually(
          () => h.runtime.getRuntime(dev, ann),
          s => s.pods.length === 2 && s.pods.every(p => p.ready),
          'two ready pods of api',
        )
      ).pods.map(p => p.name);
      const { port } = server.address() as AddressInfo;
      const stream = await openEventStream(
        `http://127.0.0.1:${port}/api/stagecraft/components/default/api/deployments/dev/logs?tailLines=0`,
      );
      expect(stream.response.statusCode).toBe(200);

      // kwok serves one log file for every pod and follows it; a line appended before the
      // upstream requests are open would not be sent, so append until one arrives.
      const marker = `written while following ${randomBytes(4).toString(
        'hex',
      )}`;
      let attempt = 0;
      await eventually(
        async () => {
          attempt += 1;
          await testCluster().appendPodLog([`${marker} #${attempt}`]);
          await new Promise(r => setTimeout(r, 300));
          return stream.lines.filter(l => l.text.startsWith(marker));
        },
        received => new Set(received.map(l => l.pod)).size === 2,
        'the appended line from both pods',
        20_000,
      );
      const received = stream.lines.filter(l => l.text.startsWith(marker));
      expect(received[0]).toEqual({
        pod: expect.any(String),
        container: 'main',
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        text: expect.stringMatching(new RegExp(`^${marker} #\\d+$`)),
      });
      expect(new Set(received.map(l => l.pod))).toEqual(new Set(pods));

      stream.response.destroy();
      await eventually(
        async () => finished.length,
        n => n === opened.length,
        'every upstream log request to close',
      );
      expect(finished.sort()).toEqual([...pods].sort());
    } finally {
      await new Promise(resolve => server.close(resolve));
      await h.runtime.stop();
      await h.controlPlane.stop();
    }
  });

  it('serves two streams of one container from one follow: each gets its history once and every new line once', async () => {
    const h = await setUp();
    const lines = (signal: AbortSignal, tailLines: number) =>
      h.runtime
        .openLogs(dev, { tailLines, follow: true, timestamps: true }, ann)
        .then(sources => {
          const received: { pod: string; text: string }[] = [];
          for (const source of sources)
            void (async () => {
              for await (const l of source.lines(signal))
                received.push({ pod: l.pod, text: l.text });
            })().catch(() => undefined);
          return { received, pods: sources.map(s => s.pod) };
        });
    const first = new AbortController();
    const second = new AbortController();
    try {
      await eventually(
        () => h.runtime.getRuntime(dev, ann),
        s => s.pods.length === 2 && s.pods.every(p => p.ready),
        'two ready pods of api',
      );
      const a = await lines(first.signal, 0);
      const tag = randomBytes(4).toString('hex');
      // Appended until the first stream shows it from both pods: its follow is then open.
      let attempt = 0;
      await eventually(
        async () => {
          attempt += 1;
          await testCluster().appendPodLog([`before ${tag} #${attempt}`]);
          await new Promise(r => setTimeout(r, 300));
          return a.received.filter(l => l.text.startsWith(`before ${tag}`));
        },
        got => new Set(got.map(l => l.pod)).size === 2,
        'the first line from both pods',
        20_000,
      );
      const written = `before ${tag} #${attempt}`;
      // The second stream joins the open follow and reads its own history, which has the line.
      const b = await lines(second.signal, 20);
      await testCluster().appendPodLog([`after ${tag}`]);
      const count = (got: { text: string }[], text: string) =>
        got.filter(l => l.text === text).length;
      await eventually(
        async () => [
          count(a.received, `after ${tag}`),
          count(b.received, `after ${tag}`),
        ],
        ([x, y]) => x === 2 && y === 2,
        'the new line on both streams, once per pod',
        20_000,
      );

      // Once per pod: the history's copy is not repeated from the shared follow.
      expect(count(b.received, written)).toBe(2);
      expect(count(a.received, `after ${tag}`)).toBe(2);
      expect(count(b.received, `after ${tag}`)).toBe(2);
    } finally {
      first.abort();
      second.abort();
      await h.runtime.stop();
      await h.controlPlane.stop();
    }
  });
});
