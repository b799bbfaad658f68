import { mockCredentials } from '@backstage/backend-test-utils';
import {
  CoreV1Api,
  NetworkingV1Api,
  V1NetworkPolicy,
} from '@kubernetes/client-node';
import { StagecraftLabel } from '@stagecraft/plugin-stagecraft-common';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { deploymentKeyString } from '../deployment/DeploymentKey';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';

// Neighbours are re-planned on the event, on the real cluster, not at the next resync. The
// harness runs no periodic resync (only plugin.ts schedules ControlPlane.resync, every
// `resyncIntervalSeconds`, 300 s by default) and no drift watch, so only the re-planning of
// neighbours can bring the provider's ingress and the consumer's status up to date. That is
// proven structurally rather than by a wall-clock bound, which a busy CI machine breaks: resync
// is spied on and must not have run, and the changed deployment's reconcile must have marked
// the neighbour `re-planning: <changed> arrived in|left staging`. The latencies (the issue asks
// for 2 s) are printed, not asserted.

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const api = 'component:default/api';
const worker = 'component:default/worker';

/** Polls `probe` every 10 ms until `accept`; resolves with when it accepted (ms since epoch). */
async function acceptedAt<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe().catch(() => undefined);
    if (last !== undefined && accept(last)) return Date.now();
    await new Promise(r => setTimeout(r, 10));
  }
  throw new Error(
    `timed out waiting for ${what}; last seen ${JSON.stringify(last)}`,
  );
}

describeWithCluster('neighbours re-planned on the local cluster', () => {
  const projects: string[] = [];
  const kubeConfig = () => testCluster().kubeConfig();
  const networking = () => kubeConfig().makeApiClient(NetworkingV1Api);

  async function setUp() {
    const project = `n${randomBytes(3).toString('hex')}`;
    projects.push(project);
    const kc = kubeConfig();
    /**
     * When each of a deployment's successful reconciles ended, in order. The first one after a
     * change is the moment the change is Synced; later ones (a watch event or a re-plan queues
     * the deployment again) would make the neighbours' latency look shorter than it is.
     */
    const syncedAt = new Map<string, number[]>();
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: testCatalog(project),
      dataPlanes: new Map([
        [
          'local',
          new KubernetesDataPlane('local', kc, new ServerSideApplier(kc)),
        ],
      ]),
      observer: {
        finished: (key, _holder, result) => {
          if (result.outcome === 'applied') {
            const at = syncedAt.get(deploymentKeyString(key)) ?? [];
            syncedAt.set(deploymentKeyString(key), [...at, Date.now()]);
          }
        },
      },
    });
    // Both call through: they only record, so the tests can show how the neighbour was queued.
    const resync = jest.spyOn(h.controlPlane, 'resync');
    const saveStatus = jest.spyOn(h.status, 'save');
    h.controlPlane.start();
    await h.triggerCatalog();
    await h.controlPlane.idle();
    const staging = `${project}-staging`;
    const promote = (componentRef: string) =>
      h.actions.promote({ componentRef, from: 'dev' }, ann);
    /** Milliseconds from `key` being first Synced after `changedAt` to `at`. */
    const since = (key: string, changedAt: number, at: number) => {
      const synced = syncedAt
        .get(`${key}@staging`)
        ?.find(time => time >= changedAt);
      if (synced === undefined)
        throw new Error(`${key} was not synced after the change`);
      return at - synced;
    };
    const ingressOfApi = async () =>
      (
        await networking().listNamespacedNetworkPolicy({
          namespace: staging,
          labelSelector: `${StagecraftLabel.Component}=api`,
        })
      ).items.filter(p => p.spec?.policyTypes?.includes('Ingress'));
    /**
     * That `neighbour` was re-planned because `changed` arrived in or left staging, and not by a
     * resync: replanNeighbours marks the neighbour with this reason before it queues it.
     */
    const expectReplanned = (
      neighbour: string,
      changed: string,
      change: 'arrived in' | 'left',
    ) => {
      expect(resync).not.toHaveBeenCalled();
      expect(saveStatus).toHaveBeenCalledWith(
        expect.objectContaining({
          componentRef: neighbour,
          environment: 'staging',
          state: 'pending',
          reason: `re-planning: ${changed} ${change} staging`,
        }),
      );
    };
    return {
      ...h,
      project,
      staging,
      promote,
      since,
      ingressOfApi,
      expectReplanned,
    };
  }

  /** Whether any of the policies admits the worker pods of `namespace`. */
  const admitsWorker = (policies: V1NetworkPolicy[], namespace: string) =>
    policies.some(p =>
      (p.spec?.ingress ?? []).some(rule =>
        (rule._from ?? []).some(
          peer =>
            peer.podSelector?.matchLabels?.[StagecraftLabel.Component] ===
              'worker' &&
            peer.namespaceSelector?.matchLabels?.[
              'kubernetes.io/metadata.name'
            ] === namespace,
        ),
      ),
    );

  afterAll(async () => {
    const core = kubeConfig().makeApiClient(CoreV1Api);
    for (const project of projects)
      for (const env of ['dev', 'staging'])
        await core
          .deleteNamespace({ name: `${project}-${env}` })
          .catch(() => undefined);
  });

  it('opens the provider to a consumer that arrives, and closes it when the consumer leaves, by re-planning it', async () => {
    const h = await setUp();
    try {
      await h.promote(api);
      await h.controlPlane.idle();
      const before = await h.ingressOfApi();
      expect(before).not.toHaveLength(0);
      expect(admitsWorker(before, h.staging)).toBe(false);

      const promotedAt = Date.now();
      await h.promote(worker);
      const admitted = await acceptedAt(
        h.ingressOfApi,
        policies => admitsWorker(policies, h.staging),
        "the API's ingress to admit the worker",
      );
      const arrival = h.since(worker, promotedAt, admitted);
      console.log(
        `provider admits the consumer ${arrival} ms after the consumer is Synced (${
          admitted - promotedAt
        } ms after the promote request)`,
      );
      h.expectReplanned(api, worker, 'arrived in');
      await h.controlPlane.idle();
      await expect(
        h.actions.getDeployment(
          { componentRef: api, environment: 'staging' },
          ann,
        ),
      ).resolves.toMatchObject({
        sync: { state: expect.stringMatching(/synced|progressing/) },
      });

      const undeployedAt = Date.now();
      await h.actions.undeploy(
        { componentRef: worker, environment: 'staging' },
        ann,
      );
      const closed = await acceptedAt(
        h.ingressOfApi,
        policies => policies.length > 0 && !admitsWorker(policies, h.staging),
        "the API's ingress to stop admitting the worker",
      );
      const departure = h.since(worker, undeployedAt, closed);
      console.log(
        `provider stops admitting the undeployed consumer ${departure} ms after its undeploy is Synced`,
      );
      h.expectReplanned(api, worker, 'left');
    } finally {
      await h.controlPlane.stop();
    }
  });

  it("clears a consumer's pending connection by re-planning it when its provider arrives", async () => {
    const h = await setUp();
    try {
      await h.promote(worker);
      await h.controlPlane.idle();
      const pending = await h.status.get(worker, 'staging');
      expect(pending?.pendingConnections).toEqual([
        expect.objectContaining({
          consumerRef: worker,
          providerRef: api,
          environment: 'staging',
          message: expect.stringContaining(
            `${api} is not deployed in staging yet`,
          ),
        }),
      ]);
      // Egress and connection settings exist while pending: traffic flows once the API is there.
      const egress = async () =>
        (
          await networking().readNamespacedNetworkPolicy({
            name: 'egress-worker',
            namespace: h.staging,
          })
        ).spec?.egress?.flatMap(rule => rule.to ?? []);
      const toApi = [
        expect.objectContaining({
          podSelector: { matchLabels: { [StagecraftLabel.Component]: 'api' } },
        }),
      ];
      expect(await egress()).toEqual(toApi);
      const settings = async () =>
        Object.entries(
          (
            await kubeConfig()
              .makeApiClient(CoreV1Api)
              .readNamespacedConfigMap({
                name: 'worker-env',
                namespace: h.staging,
              })
          ).data ?? {},
        ).filter(([name]) => name.endsWith('_URL'));
      const apiUrl = [
        [
          expect.any(String),
          `http://api.${h.project}-staging.svc.cluster.local:8080`,
        ],
      ];
      expect(await settings()).toEqual(apiUrl);

      const promotedAt = Date.now();
      await h.promote(api);
      const cleared = await acceptedAt(
        () => h.status.get(worker, 'staging'),
        s => s?.state === 'synced' && s.pendingConnections.length === 0,
        "the worker's pending connection to clear",
      );
      const latency = h.since(api, promotedAt, cleared);
      console.log(
        `consumer's pending connection clears ${latency} ms after the provider is Synced (${
          cleared - promotedAt
        } ms after the promote request)`,
      );
      h.expectReplanned(worker, api, 'arrived in');
      await h.controlPlane.idle();
      expect(await egress()).toEqual(toApi);
      await expect(
        h.actions.getDeployment(
          { componentRef: worker, environment: 'staging' },
          ann,
        ),
      ).resolves.toMatchObject({ pendingConnections: [] });
      expect(await settings()).toEqual(apiUrl);
    } finally {
      await h.controlPlane.stop();
    }
  });
});
