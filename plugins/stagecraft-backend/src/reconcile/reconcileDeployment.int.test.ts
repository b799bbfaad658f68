import { Entity } from '@backstage/catalog-model';
import { TestDatabases } from '@backstage/backend-test-utils';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { describeWithCluster, testCluster } from '@stagecraft/test-cluster';
import { randomBytes } from 'node:crypto';
import { ServerSideApplier } from '../apply/ServerSideApplier';
import { DeploymentStore } from '../database/DeploymentStore';
import { migrate } from '../database/migrate';
import { reconcileDeployment } from './reconcileDeployment';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describeWithCluster('reconcileDeployment on the local cluster', () => {
  // A project name of its own per run: the namespace is <project>-dev.
  const project = `p${randomBytes(3).toString('hex')}`;
  const namespace = `${project}-dev`;
  const entities: Entity[] = [
    {
      apiVersion: 'stagecraft.dev/v1alpha1',
      kind: 'Environment',
      metadata: { name: 'dev', namespace: 'default' },
      spec: {
        target: 'local',
        gateway: { internalHost: 'dev.internal.example' },
        policy: {
          podSecurity: 'baseline',
          defaultResources: {
            requests: { cpu: '10m', memory: '16Mi' },
            limits: { memory: '64Mi' },
          },
        },
      },
    },
    ...['api', 'worker'].map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default' },
      spec: {
        type: name === 'api' ? 'service' : 'worker',
        lifecycle: 'production',
        owner: 'team',
        system: project,
        deploy: { image: `registry.example/${name}:1`, replicas: 2 },
      },
    })),
  ];
  const apps = () => testCluster().kubeConfig().makeApiClient(AppsV1Api);
  const core = () => testCluster().kubeConfig().makeApiClient(CoreV1Api);

  afterAll(async () => {
    await core()
      .deleteNamespace({ name: namespace })
      .catch(() => undefined);
  });

  it('deploys, converges, stays quiet in steady state, rolls out a new release and undeploys', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrate(knex);
    const store = new DeploymentStore(knex);
    const applier = new ServerSideApplier(testCluster().kubeConfig());
    const reconcile = (componentRef: string) =>
      reconcileDeployment({
        store,
        applier,
        entities,
        componentRef,
        environment: 'dev',
        deployedRefs: ['component:default/api', 'component:default/worker'],
      });

    for (const name of ['api', 'worker']) {
      const release = await store.createRelease({
        componentRef: `component:default/${name}`,
        snapshot: { image: `registry.example/${name}:1` },
        createdBy: 'user:default/ann',
      });
      await store.setDeployment({
        componentRef: `component:default/${name}`,
        environment: 'dev',
        releaseId: release.id,
        desiredState: 'deployed',
        action: 'deploy',
        actor: 'user:default/ann',
      });
    }

    // First deploy: everything created, the Deployment reaches its ready replicas.
    const first = await reconcile('component:default/api');
    expect(first.outcome).toBe('applied');
    expect(
      first.outcome === 'applied' &&
        first.changes.every(c => c.action === 'created'),
    ).toBe(true);
    await reconcile('component:default/worker');
    for (let i = 0; i < 100; i++) {
      const d = await apps().readNamespacedDeployment({
        name: 'api',
        namespace,
      });
      if (d.status?.readyReplicas === 2) break;
      await new Promise(r => setTimeout(r, 200));
    }
    expect(
      (await apps().readNamespacedDeployment({ name: 'api', namespace })).status
        ?.readyReplicas,
    ).toBe(2);

    // Steady state: nothing changes, nothing is written.
    const again = await reconcile('component:default/api');
    expect(
      again.outcome === 'applied' && again.changes.map(c => c.action),
    ).toEqual(expect.arrayContaining(['unchanged']));
    expect(
      again.outcome === 'applied' &&
        again.changes.filter(c => c.action !== 'unchanged'),
    ).toEqual([]);

    // A new release rolls out the new image.
    const v2 = await store.createRelease({
      componentRef: 'component:default/api',
      snapshot: { image: 'registry.example/api:2' },
      createdBy: 'user:default/bob',
    });
    await store.setDeployment({
      componentRef: 'component:default/api',
      environment: 'dev',
      releaseId: v2.id,
      desiredState: 'deployed',
      action: 'promote',
      actor: 'user:default/bob',
    });
    await reconcile('component:default/api');
    const rolled = await apps().readNamespacedDeployment({
      name: 'api',
      namespace,
    });
    expect(rolled.spec?.template.spec?.containers[0].image).toBe(
      'registry.example/api:2',
    );

    // Undeploy removes exactly the component's objects; the project's namespace stays for its neighbour.
    await store.setDeployment({
      componentRef: 'component:default/api',
      environment: 'dev',
      releaseId: v2.id,
      desiredState: 'undeployed',
      action: 'undeploy',
      actor: 'user:default/bob',
    });
    const gone = await reconcile('component:default/api');
    expect(
      gone.outcome === 'applied' &&
        gone.changes.every(c => c.action === 'deleted'),
    ).toBe(true);
    await expect(
      apps().readNamespacedDeployment({ name: 'api', namespace }),
    ).rejects.toMatchObject({ code: 404 });
    await expect(
      apps().readNamespacedDeployment({ name: 'worker', namespace }),
    ).resolves.toBeDefined();
    await expect(
      core().readNamespace({ name: namespace }),
    ).resolves.toBeDefined();
    expect(await store.getInventory('component:default/api', 'dev')).toEqual(
      [],
    );
  });

  it('applies nothing of an invalid deployment and says why', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrate(knex);
    const store = new DeploymentStore(knex);
    const broken = entities.map(e =>
      e.metadata.name === 'api'
        ? { ...e, spec: { ...e.spec, type: 'mainframe' } }
        : e,
    );
    const release = await store.createRelease({
      componentRef: 'component:default/api',
      snapshot: {},
      createdBy: 'user:default/ann',
    });
    await store.setDeployment({
      componentRef: 'component:default/api',
      environment: 'dev',
      releaseId: release.id,
      desiredState: 'deployed',
      action: 'deploy',
      actor: 'user:default/ann',
    });
    const result = await reconcileDeployment({
      store,
      applier: new ServerSideApplier(testCluster().kubeConfig()),
      entities: broken,
      componentRef: 'component:default/api',
      environment: 'dev',
      deployedRefs: ['component:default/api'],
    });
    expect(result).toMatchObject({
      outcome: 'invalid',
      diagnostics: [
        expect.objectContaining({ code: 'unknown-component-type' }),
      ],
    });
    expect(await store.getInventory('component:default/api', 'dev')).toEqual(
      [],
    );
  });
});
