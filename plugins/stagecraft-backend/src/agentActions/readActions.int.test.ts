import { randomBytes } from 'node:crypto';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { AppsV1Api, loadAllYaml } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { eventually } from '../__testUtils__/eventually';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { clusterObjects } from '../service/__testUtils__/clusterObjects';
import {
  api,
  hostileCatalog,
  HostileBackend,
  startHostileBackend,
  withOwnership,
} from '../service/__testUtils__/hostileBackend';
import { hostPermissionPolicy } from '../service/__testUtils__/hostPermissionPolicy';

/*
 * The agent actions on the real backend and cluster, invoked as the CLI does (the actions
 * registry's HTTP route): what they answer is what runs. ann owns the project (team-a);
 * mallory (team-b) does not. The catalog deploys api to dev; ann promotes it to staging.
 */

const { databases } = createTestDatabases();
const claims: Record<string, string[]> = {
  'user:default/ann': ['group:default/team-a'],
  'user:default/mallory': ['group:default/team-b'],
};

describeWithCluster('agent actions on the real backend and cluster', () => {
  let b: HostileBackend;
  const invoke = (caller: string, name: string, input: object) =>
    b.post(
      caller,
      `/api/stagecraft/.backstage/actions/v1/actions/stagecraft:${name}/invoke`,
      input,
    );
  const output = async (name: string, input: object) => {
    const response = await invoke('ann', name, input);
    expect({
      name,
      status: response.status,
      error: response.body.error,
    }).toEqual({
      name,
      status: 200,
      error: undefined,
    });
    return response.body.output;
  };

  beforeAll(async () => {
    b = await startHostileBackend({
      databases,
      entities: project => withOwnership(hostileCatalog(project)),
      config: { permission: { enabled: true } },
      permissions: hostPermissionPolicy({
        platformAdmins: ['group:default/platform-team'],
        claimsOf: ref => [ref, ...(claims[ref] ?? [])],
        entity: ref =>
          b.entities.find(
            e =>
              stringifyEntityRef(e).toLocaleLowerCase('en-US') ===
              ref.toLocaleLowerCase('en-US'),
          ),
      }),
    });
    await b.runCatalogTrigger();
    const promoted = await invoke('ann', 'promote', {
      component: 'api',
      from: 'dev',
    });
    if (promoted.body.output?.outcome !== 'deployed')
      throw new Error(`promote failed: ${JSON.stringify(promoted.body)}`);
    await b.settled();
  }, 240_000);

  afterAll(async () => {
    await b?.cleanUp();
  });

  it('get-runtime answers the pods that run on the cluster', async () => {
    const snapshot = await eventually(
      () => output('get-runtime', { component: 'api', environment: 'dev' }),
      s => s.pods.length === 2 && s.pods.every((p: any) => p.ready),
      'two ready pods of api in dev',
    );
    const live = await testCluster()
      .kubeConfig()
      .makeApiClient(AppsV1Api)
      .readNamespacedDeployment({ name: 'api', namespace: `${b.project}-dev` });
    expect(snapshot.available).toBe(true);
    for (const pod of snapshot.pods)
      expect(pod).toMatchObject({
        namespace: `${b.project}-dev`,
        phase: 'Running',
        containers: [
          {
            name: 'main',
            image: live.spec!.template.spec!.containers[0].image,
            state: 'running',
          },
        ],
      });
  });

  it('get-logs answers the lines the pods logged, and returns: it does not follow', async () => {
    const marker = `agent marker ${randomBytes(4).toString('hex')}`;
    // kwok serves one log file for every pod.
    await testCluster().appendPodLog([marker]);
    const logs = await eventually(
      () =>
        output('get-logs', { component: 'api', environment: 'dev', lines: 20 }),
      l => l.lines.filter((x: any) => x.text === marker).length === 2,
      'the marker from both pods',
    );
    expect(logs.errors).toEqual([]);
    expect(logs.lines.length).toBeLessThanOrEqual(20);
    expect(logs.lines.find((l: any) => l.text === marker)).toEqual({
      pod: expect.stringMatching(/^api-/),
      container: 'main',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      text: marker,
    });
  });

  it('get-manifests answers the objects applied to the cluster', async () => {
    const { yaml, truncated } = await output('get-manifests', {
      component: 'api',
      environment: 'dev',
    });
    expect(truncated).toBe(false);
    const rendered = loadAllYaml(yaml).map(
      (o: any) => `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`,
    );
    expect(rendered).toContain(`Deployment ${b.project}-dev/api`);
    // The workload and its Service are on the cluster as rendered.
    const onCluster = (await clusterObjects([`${b.project}-dev`])).map(
      o => o.ref,
    );
    const workloads = rendered.filter(r => /^(Deployment|Service) /.test(r));
    expect(workloads.length).toBeGreaterThanOrEqual(2);
    expect(onCluster).toEqual(expect.arrayContaining(workloads));
  });

  it('diff-environments compares dev with staging, which runs the promoted release', async () => {
    const diff = await output('diff-environments', {
      component: 'api',
      from: 'dev',
      to: 'staging',
    });
    expect(diff.release.same).toBe(true);
    expect(diff.images.same).toBe(true);
    expect(diff.containers).toContainEqual(
      expect.objectContaining({
        workload: 'Deployment api',
        container: 'main',
      }),
    );
    expect(diff.manifestDiff).toContain(`-  namespace: ${b.project}-dev`);
    expect(diff.manifestDiff).toContain(`+  namespace: ${b.project}-staging`);
  });

  it('list-projects and get-deployment-history show the promotion', async () => {
    const { projects } = await output('list-projects', { project: b.project });
    const apiComponent = projects[0].components.find((c: any) => c.ref === api);
    expect(
      apiComponent.deployments.map((d: any) => d.environment).sort(),
    ).toEqual(['dev', 'staging']);
    const history = await output('get-deployment-history', {
      component: 'api',
      environment: 'staging',
    });
    expect(history.entries[0]).toMatchObject({
      action: 'promote',
      actor: 'user:default/ann',
      details: expect.objectContaining({ from: 'dev' }),
    });
  });

  it("refuses mallory's undeploy with 403 and changes nothing", async () => {
    const before = await b.deployments();
    const response = await invoke('mallory', 'undeploy', {
      component: 'api',
      environment: 'staging',
    });
    expect(response.status).toBe(403);
    expect(response.body.error.name).toBe('NotAllowedError');
    expect(await b.deployments()).toEqual(before);
  });
});
