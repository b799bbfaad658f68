import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { BatchV1Api, CoreV1Api } from '@kubernetes/client-node';
import {
  describeWithCluster,
  ROLLOUT_TEST_ANNOTATIONS,
  testCluster,
} from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { ManagedObjectWatcher } from '../drift/ManagedObjectWatcher';
import { ObjectClient } from '../kube/ObjectClient';
import { RequestCounter } from '../kube/RequestCounter';
import { KubernetesDataPlane } from './KubernetesDataPlane';
import { observeWorkloads } from './observeWorkloads';

/*
 * A Job run by hand from a CronJob (`kubectl create job --from=cronjob/x`, owned by the CronJob,
 * so observeWorkloads judges it as its last run) fails without the CronJob's resourceVersion
 * changing: the CronJob controller adopts no such Job into status.active and records no
 * failure. A status cache keyed by the CronJob's version (WorkloadObservationCache before it
 * left CronJobs to live reads) kept serving `synced` while a live read said `degraded`.
 */

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const quiet = { info() {}, warn() {}, error() {} };

const jobPodAnnotations: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name: 'job-pod-annotations', namespace: 'default' },
  spec: {
    parameters: {
      type: 'object',
      properties: {
        annotations: {
          type: 'object',
          additionalProperties: { type: 'string' },
        },
      },
      required: ['annotations'],
      additionalProperties: false,
    },
    patches: [
      {
        target: { kind: 'CronJob' },
        merge: {
          spec: {
            jobTemplate: {
              spec: {
                template: {
                  metadata: { annotations: '${parameters.annotations}' },
                },
              },
            },
          },
        },
      },
    ],
  },
};

describeWithCluster('a status read at rest of a cron job', () => {
  const project = `c${randomBytes(3).toString('hex')}`;
  const namespace = `${project}-dev`;
  const kc = () => testCluster().kubeConfig();

  afterAll(async () => {
    await kc()
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: namespace })
      .catch(() => undefined);
  });

  it('says degraded once a run by hand failed, as a live read does', async () => {
    const config = kc();
    const applier = new ServerSideApplier(config);
    const statusReads = new RequestCounter();
    const flaky = component('flaky', project, { type: 'scheduled-job' });
    // Scheduled on 1 January only: no scheduled run during the test.
    Object.assign((flaky.spec as { deploy: object }).deploy, {
      schedule: '0 0 1 1 *',
      parameters: { retries: 0 },
      traits: [
        {
          name: 'job-pod-annotations',
          parameters: {
            annotations: { [ROLLOUT_TEST_ANNOTATIONS.jobFail]: 'true' },
          },
        },
      ],
    });
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: [...testCatalog(project), jobPodAnnotations, flaky],
      dataPlanes: new Map([
        [
          'local',
          new KubernetesDataPlane('local', config, applier, {
            counter: statusReads,
          }),
        ],
      ]),
    });
    const watcher = new ManagedObjectWatcher({
      kubeConfig: config,
      logger: quiet,
      onEvent: () => undefined,
      liveState: applier.liveState,
    });
    h.controlPlane.start();
    await watcher.start();
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const key = {
        componentRef: 'component:default/flaky',
        environment: 'dev',
      };
      const read = async () => {
        statusReads.reset();
        const d = await h.actions.getDeployment(key, ann);
        return {
          state: d.sync.state,
          reason: d.sync.reason,
          requests: statusReads.counts(),
        };
      };
      await eventually(read, r => r.state === 'synced', 'flaky synced');
      // A deployment with a CronJob is read live every time.
      expect(Object.keys((await read()).requests)).not.toHaveLength(0);

      const batch = config.makeApiClient(BatchV1Api);
      const cron = await batch.readNamespacedCronJob({
        name: 'flaky',
        namespace,
      });
      const cronVersion = cron.metadata?.resourceVersion;
      // What `kubectl create job --from=cronjob/flaky flaky-by-hand` creates.
      await batch.createNamespacedJob({
        namespace,
        body: {
          metadata: {
            name: 'flaky-by-hand',
            annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
            labels: cron.spec?.jobTemplate.metadata?.labels,
            ownerReferences: [
              {
                apiVersion: 'batch/v1',
                kind: 'CronJob',
                name: 'flaky',
                uid: cron.metadata!.uid!,
                controller: true,
              },
            ],
          },
          spec: cron.spec!.jobTemplate.spec!,
        },
      });
      const inventory = await h.store.getInventory(key.componentRef, 'dev');
      const live = await eventually(
        () => observeWorkloads(new ObjectClient(config), inventory),
        o => o?.state === 'degraded',
        'a live read to see the run by hand fail',
        60_000,
      );
      expect(live?.message).toMatch(/last run Job\/flaky-by-hand failed/);
      const after = await batch.readNamespacedCronJob({
        name: 'flaky',
        namespace,
      });
      // eslint-disable-next-line no-console
      console.log(
        `CronJob resourceVersion before the run ${cronVersion}, after its failure ${after.metadata?.resourceVersion}`,
      );

      // The status must say so within a watch latency (20 s is generous).
      await eventually(
        read,
        r => r.state === 'degraded',
        'the status to report the failed run',
        20_000,
      );
    } finally {
      await watcher.stop();
      await h.controlPlane.stop();
    }
  }, 180_000);
});
