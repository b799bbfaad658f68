import { CoreV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import knexFactory, { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { component, testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import {
  ControlPlaneChild,
  killAllChildren,
} from './__testUtils__/ControlPlaneChild';
import { convergedStateProblems } from './__testUtils__/convergedState';
import { printFaultReport } from './__testUtils__/faultReport';

/** The plugin's default lease TTL (it was 60 s); the report says so. */
const LEASE_TTL_MS = 15_000;

describeWithCluster('the backend killed with SIGKILL mid-sync', () => {
  const project = `k${randomBytes(3).toString('hex')}`;
  let dir: string;
  let knex: Knex;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stagecraft-kill-'));
  });
  afterAll(async () => {
    await killAllChildren();
    await knex?.destroy();
    await rm(dir, { recursive: true, force: true });
    await testCluster()
      .kubeConfig()
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: `${project}-dev` })
      .catch(() => undefined);
  });

  it('starts again and converges: nothing lost, duplicated or orphaned, history once per deploy', async () => {
    const entities = [
      ...testCatalog(project),
      ...[...Array(10).keys()].map(n =>
        component(`job-${n}`, project, { type: 'worker', replicas: 1 }),
      ),
    ];
    const components = entities.filter(e => e.kind === 'Component');
    // A database file, as a single backend on SQLite keeps one; both processes open it in turn.
    const database = {
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'stagecraft.sqlite') },
    };
    const settings = {
      database,
      stagecraft: {
        targets: {
          local: {
            type: 'kubernetes',
            kubeconfig: testCluster().kubeconfigPath,
          },
        },
        reconcile: { concurrency: 2 },
      },
      entities,
      leaseTtlMs: LEASE_TTL_MS,
      triggerIntervalMs: 2_000,
      resyncIntervalMs: 60_000,
    };

    const first = await ControlPlaneChild.start('first', dir, settings);
    // Mid-sync: some deployments applied, the next one's reconcile under way.
    const finished = () => first.events.filter(e => e.event === 'finished');
    await first.waitFor(() => finished().length >= 3, 60_000, 'for 3 applies');
    await first.nextFirstReconcile(30_000);
    await first.kill();
    const keysOf = (type: string) =>
      first.events.flatMap(e =>
        e.event === type && 'key' in e ? [e.key] : [],
      );
    const done = new Set(keysOf('finished'));
    const cut = [...new Set(keysOf('started'))].filter(k => !done.has(k));
    expect(cut.length).toBeGreaterThan(0);

    const restartedAt = Date.now();
    const second = await ControlPlaneChild.start('second', dir, settings);
    knex = knexFactory({ useNullAsDefault: true, ...database });
    const state = () =>
      convergedStateProblems({
        knex,
        kubeConfig: testCluster().kubeConfig(),
        project,
        components,
        environment: 'dev',
      });
    const problems = await eventually(
      state,
      p => p.length === 0,
      'the state to converge after the restart',
      90_000,
    ).catch(() => state());
    const convergedMs = Date.now() - restartedAt;
    expect(problems).toEqual([]);
    // The deployments the killed process was applying: finished by the new one.
    for (const key of cut)
      expect(
        second.events.some(
          e => e.event === 'finished' && 'key' in e && e.key === key,
        ),
      ).toBe(true);
    // The test cluster serves no Gateway API: that warning is expected, anything else is not.
    expect(
      second.problems().filter(p => !/HTTPRoute .* is not served/.test(p)),
    ).toEqual([]);

    printFaultReport({
      fault: `backend killed with SIGKILL mid-sync (${done.size} of ${components.length} deployments applied, ${cut.length} being applied), a new process started on the same SQLite file`,
      checked: [
        'one release and one deployment per component, synced at that release',
        'history: exactly one deploy per component (no repeated deploy)',
        'every inventory object live; no live component object of the project outside the inventories',
        'the deployments cut mid-apply were finished by the new process',
      ],
      converged: { ms: convergedMs, from: 'the new process started' },
      figures: {
        'lease TTL': `${
          LEASE_TTL_MS / 1000
        } s here (the plugin's default): the cut deployments wait for the dead process's leases to expire`,
      },
    });
  }, 180_000);
});
