import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import type { DeploymentStatus } from '@stagecraft/plugin-stagecraft-common';
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

// A deployment is Synced only once its rollout is over: new pods all ready and no old pod
// left, running or terminating. kwok stages slow pods down by annotation
// (ROLLOUT_TEST_ANNOTATIONS), which a test trait puts on the pod template together with the
// Deployment's progressDeadlineSeconds: the component's own intent, not a patch behind
// Stagecraft's back.

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const api = { componentRef: 'component:default/api', environment: 'dev' };

/** The test trait: pod annotations and a progress deadline on the component's Deployment. */
const slowRolloutTrait: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name: 'slow-rollout', namespace: 'default' },
  spec: {
    parameters: {
      type: 'object',
      properties: {
        podAnnotations: {
          type: 'object',
          additionalProperties: { type: 'string' },
        },
        progressDeadlineSeconds: { type: 'integer', minimum: 1 },
      },
      required: ['podAnnotations', 'progressDeadlineSeconds'],
      additionalProperties: false,
    },
    patches: [
      {
        target: { kind: 'Deployment' },
        merge: {
          spec: {
            progressDeadlineSeconds: '${parameters.progressDeadlineSeconds}',
            template: {
              metadata: { annotations: '${parameters.podAnnotations}' },
            },
          },
        },
      },
    ],
  },
};

describeWithCluster('the rollout a deployment status reports', () => {
  const project = `r${randomBytes(3).toString('hex')}`;
  const namespace = `${project}-dev`;
  const core = () => testCluster().kubeConfig().makeApiClient(CoreV1Api);

  /** The test catalog with api at `tag`, slowed down by `podAnnotations`. */
  const catalog = (tag: number, podAnnotations: Record<string, string>) => [
    ...testCatalog(project).filter(e => e.metadata.name !== 'api'),
    slowRolloutTrait,
    (() => {
      const entity = component('api', project, {
        type: 'service',
        image: `registry.example/api:${tag}`,
      });
      (entity.spec as any).deploy.traits = [
        {
          name: 'slow-rollout',
          parameters: { podAnnotations, progressDeadlineSeconds: 6 },
        },
      ];
      return entity;
    })(),
  ];

  async function setUp(podAnnotations: Record<string, string>) {
    const kc = testCluster().kubeConfig();
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: catalog(1, podAnnotations),
      dataPlanes: new Map([
        [
          'local',
          new KubernetesDataPlane('local', kc, new ServerSideApplier(kc)),
        ],
      ]),
    });
    h.controlPlane.start();
    await h.triggerCatalog();
    await h.controlPlane.idle();
    const status = () => h.actions.getDeployment(api, ann);
    await eventually(
      status,
      d => d.sync.state === 'synced',
      'release 1 to roll out',
    );
    return { ...h, status };
  }

  const apiPods = async (): Promise<V1Pod[]> =>
    (
      await core().listNamespacedPod({
        namespace,
        labelSelector: 'backstage.io/kubernetes-id=api',
      })
    ).items;
  const imageOf = (p: V1Pod) => p.spec?.containers[0]?.image;
  const isReady = (p: V1Pod) =>
    p.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True');

  afterAll(async () => {
    await core()
      .deleteNamespace({ name: namespace })
      .catch(() => undefined);
  });

  it('stays Progressing while new pods never become ready, then fails with the deadline, old pods serving throughout', async () => {
    const h = await setUp({});
    try {
      h.setEntities(
        catalog(2, { [ROLLOUT_TEST_ANNOTATIONS.neverReady]: 'true' }),
      );
      await h.triggerCatalog();
      const seen: DeploymentStatus[] = [];
      const failed = await eventually(
        h.status,
        d => {
          seen.push(d);
          return d.sync.state === 'failed';
        },
        'the rollout to exceed its progress deadline',
      );
      const states = new Set(seen.map(d => d.sync.state));
      expect([...states].filter(s => s !== 'pending')).toEqual([
        'progressing',
        'failed',
      ]);
      expect(failed.sync.reason).toMatch(
        /^Deployment\/api: exceeded its progress deadline \(6 s\): ReplicaSet "api-\w+" has timed out progressing\.; 2 available, 2 old still running$/,
      );
      expect(failed.sync.lastChange?.summary).toMatch(
        /^applied release \w+: .*\d+ configured/,
      );
      expect(failed.replicas).toMatchObject({ desired: 2, ready: 2, old: 2 });
      // The old release still serves: its two pods ready, the new one running but not ready.
      const pods = await apiPods();
      expect(
        pods
          .map(p => `${imageOf(p)} ${isReady(p) ? 'ready' : 'not ready'}`)
          .sort(),
      ).toEqual([
        'registry.example/api:1 ready',
        'registry.example/api:1 ready',
        'registry.example/api:2 not ready',
      ]);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('passes through Progressing and says Synced only when no old pod remains, not even a terminating one', async () => {
    const slow = {
      [ROLLOUT_TEST_ANNOTATIONS.terminateDelay]: '4s',
    };
    const h = await setUp(slow);
    try {
      h.setEntities(
        catalog(3, { ...slow, [ROLLOUT_TEST_ANNOTATIONS.readyDelay]: '2s' }),
      );
      await h.triggerCatalog();
      const reasons: string[] = [];
      const synced = await eventually(
        async () => {
          const d = await h.status();
          // Read after the status: pods only move towards the new release, so an old pod
          // seen here was also there when the status was computed.
          return { d, pods: await apiPods() };
        },
        ({ d, pods }) => {
          if (d.sync.state !== 'synced') {
            reasons.push(`${d.sync.state}: ${d.sync.reason}`);
            return false;
          }
          if (!reasons.length) return false; // still the status of release 1
          expect(
            pods.map(p => ({
              image: imageOf(p),
              ready: isReady(p),
              terminating: Boolean(p.metadata?.deletionTimestamp),
            })),
          ).toEqual([
            {
              image: 'registry.example/api:3',
              ready: true,
              terminating: false,
            },
            {
              image: 'registry.example/api:3',
              ready: true,
              terminating: false,
            },
          ]);
          return true;
        },
        'release 3 to roll out',
        60_000,
      );
      expect(synced.d.sync.reason).toMatch(
        /^Deployment\/api: rolled out: 2 of 2 replicas updated and available; applied release \w+: /,
      );
      // The states in between, as the status reported them.
      expect(reasons.some(r => /new replicas updated/.test(r))).toBe(true);
      expect(reasons.some(r => /still terminating/.test(r))).toBe(true);
      expect(reasons.every(r => /^(pending|progressing):/.test(r))).toBe(true);
    } finally {
      await h.controlPlane.stop();
    }
  });
});
