import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CoreV1Api } from '@kubernetes/client-node';
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
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';

// What the status says of the workloads that do not simply roll out: a CronJob reports its
// schedule and the result of its last run (a failed one is Degraded, with the Job's reason),
// and an autoscaled Deployment takes its desired count from the autoscaler, not the catalog.

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const dev = (name: string) => ({
  componentRef: `component:default/${name}`,
  environment: 'dev',
});

const trait = (name: string, spec: NonNullable<Entity['spec']>): Entity => ({
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name, namespace: 'default' },
  spec,
});

/** Annotations on the pods of a CronJob's Jobs (here: kwok's job-fail stage). */
const jobPodAnnotations = trait('job-pod-annotations', {
  parameters: {
    type: 'object',
    properties: {
      annotations: { type: 'object', additionalProperties: { type: 'string' } },
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
});

/** A HorizontalPodAutoscaler for the component's Deployment, like the example platform's. */
const autoscaler = trait('autoscaler', {
  parameters: {
    type: 'object',
    properties: {
      minReplicas: { type: 'integer', minimum: 1 },
      maxReplicas: { type: 'integer', minimum: 1 },
    },
    required: ['minReplicas', 'maxReplicas'],
    additionalProperties: false,
  },
  creates: [
    {
      id: 'hpa',
      template: {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: '${component.name}' },
        spec: {
          scaleTargetRef: {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: '${component.name}',
          },
          minReplicas: '${parameters.minReplicas}',
          maxReplicas: '${parameters.maxReplicas}',
          metrics: [
            {
              type: 'Resource',
              resource: {
                name: 'cpu',
                target: { type: 'Utilization', averageUtilization: 70 },
              },
            },
          ],
        },
      },
    },
  ],
});

function withDeploy(entity: Entity, deploy: Record<string, unknown>): Entity {
  Object.assign((entity.spec as { deploy: object }).deploy, deploy);
  return entity;
}

describeWithCluster('the status of cron jobs and autoscaled workloads', () => {
  const project = `k${randomBytes(3).toString('hex')}`;
  const core = () => testCluster().kubeConfig().makeApiClient(CoreV1Api);

  afterAll(async () => {
    await core()
      .deleteNamespace({ name: `${project}-dev` })
      .catch(() => undefined);
  });

  it('reports a cron job by schedule and last run, and an autoscaled deployment by the autoscaler', async () => {
    const kc = testCluster().kubeConfig();
    const everyMinute = { schedule: '* * * * *' };
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: [
        ...testCatalog(project),
        jobPodAnnotations,
        autoscaler,
        withDeploy(
          component('nightly', project, { type: 'scheduled-job' }),
          everyMinute,
        ),
        withDeploy(component('flaky', project, { type: 'scheduled-job' }), {
          ...everyMinute,
          parameters: { retries: 0 },
          traits: [
            {
              name: 'job-pod-annotations',
              parameters: {
                annotations: { [ROLLOUT_TEST_ANNOTATIONS.jobFail]: 'true' },
              },
            },
          ],
        }),
        withDeploy(
          component('scaled', project, { type: 'worker', replicas: 1 }),
          {
            traits: [
              {
                name: 'autoscaler',
                parameters: { minReplicas: 3, maxReplicas: 5 },
              },
            ],
          },
        ),
      ],
      dataPlanes: new Map([
        [
          'local',
          new KubernetesDataPlane('local', kc, new ServerSideApplier(kc)),
        ],
      ]),
    });
    h.controlPlane.start();
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const status = (name: string) => h.actions.getDeployment(dev(name), ann);

      // Applied, the cron job is synced and says what is known; it has no replicas to count.
      const applied = await eventually(
        () => status('nightly'),
        d => d.sync.state === 'synced',
        'nightly to be applied',
      );
      expect(applied.sync.reason).toMatch(
        /^CronJob\/nightly: scheduled "\* \* \* \* \*", (not run yet|last run Job\/nightly-\d+ (running since|succeeded at) \S+); applied release \w+: /,
      );
      expect(applied.replicas).toBeUndefined();

      // Once the autoscaler acted, desired is its minimum, not the catalog's 1.
      const scaled = await eventually(
        () => status('scaled'),
        d => d.sync.state === 'synced' && d.replicas?.desired === 3,
        'the autoscaler to scale "scaled" to its minimum',
        60_000,
      );
      expect(scaled.sync.reason).toMatch(
        /^Deployment\/scaled: rolled out: 3 of 3 replicas updated and available \(replicas set by HorizontalPodAutoscaler\/scaled, 3–5\); /,
      );

      // After the first scheduled run (within a minute): one succeeded, one failed.
      const succeeded = await eventually(
        () => status('nightly'),
        d => /last run Job\/nightly-\d+ succeeded at/.test(d.sync.reason),
        'a run of nightly to succeed',
        120_000,
      );
      expect(succeeded.sync.state).toBe('synced');
      const failed = await eventually(
        () => status('flaky'),
        d => d.sync.state === 'degraded',
        'a run of flaky to fail',
        120_000,
      );
      expect(failed.sync.reason).toMatch(
        /^CronJob\/flaky: scheduled "\* \* \* \* \*", last run Job\/flaky-\d+ failed: BackoffLimitExceeded — Job has reached the specified backoff limit$/,
      );
    } finally {
      await h.controlPlane.stop();
    }
    // A schedule of every minute waits up to a minute for its first run, then a failing run.
  }, 300_000);
});
