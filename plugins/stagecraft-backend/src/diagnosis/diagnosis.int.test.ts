import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { CoreV1Api } from '@kubernetes/client-node';
import type { Diagnosis } from '@stagecraft/plugin-stagecraft-common';
import {
  describeWithCluster,
  FAILURE_TEST_ANNOTATIONS,
  MISSING_IMAGE_TAG,
  testCluster,
} from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { eventually } from '../__testUtils__/eventually';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { CatalogSnapshot } from '../catalog/CatalogSnapshot';
import { builtInObservabilityProviders } from '../observability/builtInProviders';
import { ObservabilityService } from '../observability/ObservabilityService';
import { ObservabilityProviders } from '../observability/providerConfig';
import { RuntimeService } from '../runtime/RuntimeService';
import { KubernetesDataPlane } from '../targets/KubernetesDataPlane';
import { TrafficService } from '../traffic/TrafficService';
import { DiagnosisService } from './DiagnosisService';

// Real failures on the test cluster: each release of `api` carries the kwok failure annotation
// (packages/test-cluster failureStages.ts) on its pod template through a test trait, so the
// component's own intent breaks it, as a bad release would. The diagnosis must name the cause,
// propose the rollback, and once rolled back find nothing.

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const api = { componentRef: 'component:default/api', environment: 'dev' };
const worker = { componentRef: 'component:default/worker', environment: 'dev' };

const failureTrait: Entity = {
  apiVersion: 'stagecraft.dev/v1alpha1',
  kind: 'Trait',
  metadata: { name: 'test-failure', namespace: 'default' },
  spec: {
    parameters: {
      type: 'object',
      properties: {
        podAnnotations: {
          type: 'object',
          additionalProperties: { type: 'string' },
        },
      },
      required: ['podAnnotations'],
      additionalProperties: false,
    },
    patches: [
      {
        target: { kind: 'Deployment' },
        merge: {
          spec: {
            template: {
              metadata: { annotations: '${parameters.podAnnotations}' },
            },
          },
        },
      },
    ],
  },
};

describeWithCluster('diagnosis of real failures on the local cluster', () => {
  const project = `d${randomBytes(3).toString('hex')}`;
  const core = () => testCluster().kubeConfig().makeApiClient(CoreV1Api);

  /** The test catalog with api at `tag` and its pods annotated `podAnnotations`. */
  const catalog = (
    tag: number | string,
    podAnnotations: Record<string, string> = {},
  ) => {
    const entity = component('api', project, {
      type: 'service',
      image: `registry.example/api:${tag}`,
      replicas: 1,
    });
    (entity.spec as any).deploy.traits = [
      { name: 'test-failure', parameters: { podAnnotations } },
    ];
    return [
      ...testCatalog(project).filter(e => e.metadata.name !== 'api'),
      failureTrait,
      entity,
    ];
  };

  let h: Awaited<ReturnType<typeof setUp>>;
  let tag = 1;

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
    let entities = catalog(tag);
    const harness = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities,
      dataPlanes,
    });
    const logger = mockServices.logger.mock();
    const runtime = new RuntimeService({
      deployments: harness.actions,
      store: harness.store,
      dataPlanes,
      links: [],
      logger,
    });
    const diagnosis = new DiagnosisService({
      actions: harness.actions,
      runtime,
      traffic: new TrafficService({
        store: harness.store,
        catalog: async () => new CatalogSnapshot(entities),
        permissions: mockServices.permissions(),
      }),
      observability: new ObservabilityService({
        deployments: harness.actions,
        runtime,
        providers: ObservabilityProviders.fromConfig(
          new ConfigReader({}),
          builtInObservabilityProviders(),
        ),
        logger,
      }),
      readiness: harness.status,
    });
    harness.controlPlane.start();
    await harness.triggerCatalog();
    await harness.controlPlane.idle();
    return {
      ...harness,
      runtime,
      diagnose: (key = api) => diagnosis.diagnose(key, ann),
      /** A new release of api with these pod annotations, deployed to dev by the trigger. */
      async release(podAnnotations: Record<string, string>, imageTag?: string) {
        tag += 1;
        entities = catalog(imageTag ?? tag, podAnnotations);
        harness.setEntities(entities);
        await harness.triggerCatalog();
      },
    };
  }

  const healthy = (d: Diagnosis) => d.findings.length === 0;
  type Finding = Diagnosis['findings'][number];
  /** A finding quoting an event whose text contains `text`. */
  const quotesEvent = (text: string) => (finding: Finding) =>
    finding.evidence.some(e => e.kind === 'event' && e.text.includes(text));

  /**
   * Waits for the diagnosis to name `rule` first (and, given `evidence`, for that finding to
   * quote it), takes its rollback, and waits for health. The rule can fire from the pods'
   * state before the events that are its evidence arrive on their own watch, so a test that
   * asserts the evidence waits for it too.
   */
  async function expectCauseThenRollBack(
    rule: string,
    evidence?: { text: string; accept: (finding: Finding) => boolean },
  ) {
    const broken = await eventually(
      () => h.diagnose(),
      d =>
        d.findings[0]?.rule === rule &&
        (!evidence || evidence.accept(d.findings[0])),
      `the diagnosis to name ${rule} first${
        evidence ? `, quoting ${evidence.text}` : ''
      }`,
      60_000,
    );
    const [top] = broken.findings;
    expect(top.severity).toBe('critical');
    expect(top.nextStep.action?.name).toBe('rollback');
    const releaseId = top.nextStep.action!.input.releaseId;
    await h.actions.rollback({ ...api, releaseId }, ann);
    await eventually(
      () => h.diagnose(),
      healthy,
      'no findings after the rollback',
      60_000,
    );
    return top;
  }

  beforeAll(async () => {
    h = await setUp();
    await eventually(
      () => h.actions.getDeployment(api, ann),
      d => d.sync.state === 'synced',
      'release 1 to roll out',
      60_000,
    );
  }, 90_000);

  afterAll(async () => {
    await h?.controlPlane.stop();
    await h?.runtime.stop();
    await core()
      .deleteNamespace({ name: `${project}-dev` })
      .catch(() => undefined);
  });

  it('finds no problem in healthy components, and says what it checked', async () => {
    const d = await eventually(() => h.diagnose(), healthy, 'a healthy api');
    expect(d.checked.length).toBeGreaterThan(4);
    expect(d.gaps).toEqual([]);
    await expect(h.diagnose(worker)).resolves.toMatchObject({ findings: [] });
  });

  it('crash loop with exit code 3: names the exit code, proposes rolling back to release 1; rolled back, nothing is found', async () => {
    const good = (await h.actions.getDeployment(api, ann)).releaseId;
    await h.release({
      [FAILURE_TEST_ANNOTATIONS.fail]: 'crash-loop',
      [FAILURE_TEST_ANNOTATIONS.exitCode]: '3',
    });
    const top = await expectCauseThenRollBack('crash-loop', {
      text: 'a BackOff event',
      accept: quotesEvent('BackOff'),
    });
    expect(top.summary).toMatch(
      /^Container main keeps crashing \(CrashLoopBackOff, exit code 3\)/,
    );
    expect(top.nextStep.action?.input.releaseId).toBe(good);
    expect(top.nextStep.text).toMatch(
      /^Roll back to release \w{12}, the last good one, the newest that ran here before the trouble and was observed ready \(Deployment\/api: rolled out/,
    );
    expect(top.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        text: expect.stringContaining('BackOff'),
      }),
    );
    expect((await h.actions.getDeployment(api, ann)).releaseId).toBe(good);
  }, 150_000);

  it('OOMKilled: raise the memory limit of the container, naming its limit', async () => {
    await h.release({ [FAILURE_TEST_ANNOTATIONS.fail]: 'oom' });
    const top = await expectCauseThenRollBack('oom-killed');
    // The environment's default limit (testCatalog: 64Mi), read from the pod spec.
    expect(top.nextStep.text).toMatch(
      /^Raise the memory limit of container main \(now 64Mi; observed usage .+\)/,
    );
  }, 150_000);

  it('image pull failure: fix the image reference', async () => {
    await h.release({ [FAILURE_TEST_ANNOTATIONS.fail]: 'image-pull' });
    const top = await expectCauseThenRollBack('image-pull');
    expect(top.nextStep.text).toMatch(
      /^Fix the image reference registry\.example\/api:\d+ .* Until then: Roll back/,
    );
  }, 150_000);

  it('a bad image (a tag that does not exist): names the image and proposes the rollback', async () => {
    await h.release({}, MISSING_IMAGE_TAG);
    const top = await expectCauseThenRollBack('image-pull', {
      text: 'the "manifest unknown" event',
      accept: quotesEvent('manifest unknown'),
    });
    expect(top.summary).toMatch(
      /^Image registry\.example\/api:does-not-exist of container main cannot be pulled \(ImagePullBackOff\)/,
    );
    expect(top.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        text: expect.stringContaining('manifest unknown'),
      }),
    );
  }, 150_000);

  it('never ready: readiness failures from the events', async () => {
    await h.release({ [FAILURE_TEST_ANNOTATIONS.fail]: 'never-ready' });
    // The readiness failures arrive as events, on a watch of their own: wait for them too.
    const broken = await eventually(
      () => h.diagnose(),
      d =>
        d.findings[0]?.rule === 'never-ready' &&
        quotesEvent('Readiness probe failed')(d.findings[0]),
      'the diagnosis to name never-ready first, quoting a failed readiness probe',
      60_000,
    );
    const [top] = broken.findings;
    expect(top.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'event',
        text: expect.stringContaining('Readiness probe failed'),
      }),
    );
    expect(top.nextStep.action?.name).toBe('rollback');
    await h.actions.rollback(
      { ...api, releaseId: top.nextStep.action!.input.releaseId },
      ann,
    );
    await eventually(
      () => h.diagnose(),
      healthy,
      'no findings after the rollback',
      60_000,
    );
  }, 150_000);

  it('a bad release followed by a good one: nothing is found once the good one runs', async () => {
    await h.release({ [FAILURE_TEST_ANNOTATIONS.fail]: 'crash-loop' });
    await eventually(
      () => h.diagnose(),
      d => d.findings[0]?.rule === 'crash-loop',
      'the bad release to crash',
      60_000,
    );
    await h.release({});
    const fixed = await eventually(
      () => h.diagnose(),
      healthy,
      'no findings once the good release runs',
      60_000,
    );
    expect(fixed.gaps).toEqual([]);
    const history = await h.actions.listHistory(api.componentRef, 'dev', ann);
    expect(history[0].action).toBe('deploy');
  }, 150_000);

  it('a bad release, a good one, then two bad ones: proposes the good one, observed ready, not the bad one in between', async () => {
    const crashing = (exitCode: string) => ({
      [FAILURE_TEST_ANNOTATIONS.fail]: 'crash-loop',
      [FAILURE_TEST_ANNOTATIONS.exitCode]: exitCode,
    });
    const topRule = (rule: string) => (d: Diagnosis) =>
      d.findings[0]?.rule === rule;
    await h.release(crashing('5'));
    await eventually(
      () => h.diagnose(),
      topRule('crash-loop'),
      'bad 1',
      60_000,
    );
    await h.release({});
    // A status read that finds it rolled out is what records it as observed ready.
    const good = await eventually(
      () => h.actions.getDeployment(api, ann),
      d => d.sync.state === 'synced' && d.replicas?.ready === 1,
      'the good release to roll out',
      60_000,
    );
    await h.release({ [FAILURE_TEST_ANNOTATIONS.fail]: 'never-ready' });
    await eventually(
      () => h.diagnose(),
      topRule('never-ready'),
      'bad 2',
      60_000,
    );
    await h.release(crashing('6'));
    const broken = await eventually(
      () => h.diagnose(),
      d => /exit code 6/.test(d.findings[0]?.summary ?? ''),
      'bad 3 to crash with exit code 6',
      60_000,
    );
    const [top] = broken.findings;
    // History alone would say the never-ready release, the newest before the current one.
    expect(top.nextStep.action?.input.releaseId).toBe(good.releaseId);
    expect(top.evidence).toContainEqual(
      expect.objectContaining({
        kind: 'history',
        text: `release ${good.releaseId.slice(
          0,
          12,
        )} observed ready in dev: Deployment/api: rolled out: 1 of 1 replicas updated and available`,
      }),
    );
    await h.actions.rollback({ ...api, releaseId: good.releaseId }, ann);
    await eventually(() => h.diagnose(), healthy, 'healthy again', 60_000);
  }, 240_000);

  it('a provider undeployed: its consumer is told to deploy it first', async () => {
    await h.actions.undeploy(api, ann);
    const d = await eventually(
      () => h.diagnose(worker),
      x => x.findings[0]?.nextStep.action?.name === 'deploy',
      'the worker to report its provider',
      60_000,
    );
    expect(d.findings[0].nextStep).toEqual({
      text: 'Deploy provider component:default/api to dev first; the connection opens once it runs.',
      action: {
        name: 'deploy',
        input: { componentRef: api.componentRef, environment: 'dev' },
      },
    });
  }, 90_000);
});
