import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { StagecraftLabel } from '@stagecraft/plugin-stagecraft-common';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { component, testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { deploymentKeyString } from '../deployment/DeploymentKey';
import { SyncRequest, SyncResult } from '../targets/DataPlane';

// Neighbour re-planning on a recording data plane: which deployments are reconciled, how often,
// and what their status says meanwhile. The cluster-level latency is in neighbours.int.test.ts.

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const api = 'component:default/api';
const worker = 'component:default/worker';
const audit = 'component:default/audit';

/** A recording data plane whose syncs of one deployment wait until the test opens a gate. */
class GatedDataPlane extends RecordingDataPlane {
  private gate?: { key: string; open: Promise<void> };
  hold(key: string): () => void {
    let open!: () => void;
    this.gate = { key, open: new Promise(resolve => (open = resolve)) };
    return () => {
      this.gate = undefined;
      open();
    };
  }
  async sync(request: SyncRequest): Promise<SyncResult> {
    if (this.gate?.key === deploymentKeyString(request.key))
      await this.gate.open;
    return super.sync(request);
  }
}

/** The shop catalog plus a bystander that neither serves nor uses an endpoint. */
const catalog = (overrides: Entity[] = []): Entity[] => {
  const replaced = new Set(overrides.map(e => e.metadata.name));
  return [
    ...testCatalog('shop').filter(
      e => e.kind !== 'Component' || !replaced.has(e.metadata.name),
    ),
    component('audit', 'shop', { type: 'service' }),
    ...overrides,
  ];
};

async function setUp() {
  const plane = new GatedDataPlane();
  const started: string[] = [];
  const harness = createControlPlaneHarness({
    knex: await databases.migrated('SQLITE_3'),
    entities: catalog(),
    dataPlanes: new Map([['local', plane]]),
    observer: { started: key => started.push(deploymentKeyString(key)) },
  });
  harness.controlPlane.start();
  // Everything in dev, then the bystander in staging.
  await harness.triggerCatalog();
  await harness.controlPlane.idle();
  await harness.actions.promote({ componentRef: audit, from: 'dev' }, ann);
  await harness.controlPlane.idle();
  started.length = 0;
  const promote = async (componentRef: string) => {
    await harness.actions.promote({ componentRef, from: 'dev' }, ann);
    await harness.controlPlane.idle();
  };
  return { ...harness, plane, started, promote };
}

/** Whether the last sync of api in `environment` admits the worker to its endpoint. */
function apiAdmitsWorker(plane: RecordingDataPlane, environment: string) {
  const last = plane.requests
    .filter(
      r => r.key.componentRef === api && r.key.environment === environment,
    )
    .at(-1);
  const ingress = last?.manifests.find(
    m => m.kind === 'NetworkPolicy' && m.metadata.name.startsWith('ingress-'),
  );
  if (!ingress) throw new Error(`no ingress policy synced for api`);
  const rules = (ingress.spec as { ingress: { from: unknown[] }[] }).ingress;
  return rules.some(rule =>
    rule.from.some(
      peer =>
        (peer as { podSelector?: { matchLabels?: Record<string, string> } })
          .podSelector?.matchLabels?.[StagecraftLabel.Component] === 'worker',
    ),
  );
}

describe('re-planning the neighbours of a deployment', () => {
  it('re-plans the provider once when its consumer arrives, and nobody else', async () => {
    const h = await setUp();
    try {
      await h.promote(api);
      expect(apiAdmitsWorker(h.plane, 'staging')).toBe(false);
      h.started.length = 0;

      await h.promote(worker);
      expect(h.started).toEqual([`${worker}@staging`, `${api}@staging`]);
      expect(apiAdmitsWorker(h.plane, 'staging')).toBe(true);
      await expect(
        h.actions.getDeployment(
          { componentRef: api, environment: 'staging' },
          ann,
        ),
      ).resolves.toMatchObject({ sync: { state: 'synced' } });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('does not re-plan a provider whose applied plan already saw its consumer deployed', async () => {
    const h = await setUp();
    try {
      // The worker is deployed first but its sync is held, so it arrives only after the
      // provider, promoted meanwhile, was planned with the worker already deployed.
      const open = h.plane.hold(`${worker}@staging`);
      await h.actions.promote({ componentRef: worker, from: 'dev' }, ann);
      await h.actions.promote({ componentRef: api, from: 'dev' }, ann);
      const apiStaging = { componentRef: api, environment: 'staging' };
      while (
        (await h.actions.getDeployment(apiStaging, ann)).sync?.state !==
        'synced'
      )
        await new Promise(resolve => setTimeout(resolve, 5));
      expect(apiAdmitsWorker(h.plane, 'staging')).toBe(true);
      open();
      await h.controlPlane.idle();

      // The worker's arrival finds the provider's plan current: no second pass of it. (Whether
      // the provider's arrival re-plans the worker depends on whether the worker's held run
      // planned before or after the provider was promoted: either way it ends current.)
      expect(h.started.filter(k => k === `${api}@staging`)).toHaveLength(1);
      await expect(
        h.actions.getDeployment(apiStaging, ann),
      ).resolves.toMatchObject({ sync: { state: 'synced' } });
      await expect(
        h.actions.getDeployment(
          { componentRef: worker, environment: 'staging' },
          ann,
        ),
      ).resolves.toMatchObject({
        sync: { state: 'synced' },
        pendingConnections: [],
      });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('does not show the provider Synced while its re-plan is outstanding', async () => {
    const h = await setUp();
    try {
      await h.promote(api);
      h.started.length = 0;
      const open = h.plane.hold(`${api}@staging`);
      await h.actions.promote({ componentRef: worker, from: 'dev' }, ann);
      // The provider's reconcile is held in its sync: its plan is stale until it lands.
      while (!h.started.includes(`${api}@staging`))
        await new Promise(resolve => setTimeout(resolve, 5));
      await expect(
        h.actions.getDeployment(
          { componentRef: api, environment: 'staging' },
          ann,
        ),
      ).resolves.toMatchObject({
        sync: {
          state: 'pending',
          reason: `re-planning: ${worker} arrived in staging`,
        },
      });
      open();
      await h.controlPlane.idle();
      await expect(
        h.actions.getDeployment(
          { componentRef: api, environment: 'staging' },
          ann,
        ),
      ).resolves.toMatchObject({ sync: { state: 'synced' } });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it("clears a consumer's pending connection when its provider arrives", async () => {
    const h = await setUp();
    try {
      await h.promote(worker);
      const before = await h.actions.getDeployment(
        { componentRef: worker, environment: 'staging' },
        ann,
      );
      expect(before.pendingConnections).toEqual([
        {
          consumerRef: worker,
          endpointRef: 'endpoint:default/shop-api',
          providerRef: api,
          environment: 'staging',
          message: expect.stringContaining('is not deployed in staging yet'),
        },
      ]);
      h.started.length = 0;

      await h.promote(api);
      expect(h.started).toEqual([`${api}@staging`, `${worker}@staging`]);
      await expect(
        h.actions.getDeployment(
          { componentRef: worker, environment: 'staging' },
          ann,
        ),
      ).resolves.toMatchObject({
        sync: { state: 'synced' },
        pendingConnections: [],
      });
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('closes the provider to a consumer that is undeployed', async () => {
    const h = await setUp();
    try {
      await h.promote(api);
      await h.promote(worker);
      expect(apiAdmitsWorker(h.plane, 'staging')).toBe(true);
      h.started.length = 0;

      await h.actions.undeploy(
        { componentRef: worker, environment: 'staging' },
        ann,
      );
      await h.controlPlane.idle();
      expect(h.started).toEqual([`${worker}@staging`, `${api}@staging`]);
      expect(apiAdmitsWorker(h.plane, 'staging')).toBe(false);
      // dev is another environment: untouched.
      expect(apiAdmitsWorker(h.plane, 'dev')).toBe(true);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('does not loop between two components that depend on each other', async () => {
    const h = await setUp();
    try {
      // The API now also calls back into an endpoint the worker serves.
      const withCallback = catalog([
        component('worker', 'shop', {
          type: 'service',
          dependsOn: ['endpoint:default/shop-api'],
        }),
        component('api', 'shop', {
          type: 'service',
          dependsOn: ['endpoint:default/hooks'],
        }),
        {
          apiVersion: 'stagecraft.dev/v1alpha1',
          kind: 'Endpoint',
          metadata: { name: 'hooks', namespace: 'default' },
          spec: {
            component: 'worker',
            protocol: 'http',
            port: 8080,
            visibility: 'project',
          },
        },
      ]);
      h.setEntities(withCallback);
      await h.triggerCatalog();
      await h.controlPlane.idle();
      await h.promote(api);
      h.started.length = 0;

      await h.promote(worker);
      expect(h.started).toEqual([`${worker}@staging`, `${api}@staging`]);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('re-plans only the neighbours of a component whose catalog dependencies changed, in every environment', async () => {
    const h = await setUp();
    try {
      await h.promote(api);
      await h.promote(worker);
      expect(apiAdmitsWorker(h.plane, 'staging')).toBe(true);
      h.started.length = 0;

      // The worker drops its dependency in the catalog; its new release goes to dev only.
      h.setEntities(catalog([component('worker', 'shop', { type: 'worker' })]));
      await expect(h.triggerCatalog()).resolves.toMatchObject({ released: 1 });
      await h.controlPlane.idle();
      expect([...h.started].sort()).toEqual(
        [`${api}@dev`, `${api}@staging`, `${worker}@dev`].sort(),
      );
      expect(apiAdmitsWorker(h.plane, 'dev')).toBe(false);
    } finally {
      await h.controlPlane.stop();
    }
  });
});

describe('re-planning the neighbours of a component that leaves the catalog', () => {
  /** api and worker in dev and staging, the provider admitting the consumer in both. */
  async function bothDeployed() {
    const h = await setUp();
    await h.promote(api);
    await h.promote(worker);
    expect(apiAdmitsWorker(h.plane, 'staging')).toBe(true);
    h.started.length = 0;
    return h;
  }
  const withoutWorker = () =>
    catalog().filter(e => e.metadata.name !== 'worker');
  const workerWithoutDeploy = (): Entity => {
    const entity = component('worker', 'shop', {
      type: 'worker',
      dependsOn: ['endpoint:default/shop-api'],
    });
    delete entity.spec!.deploy;
    return entity;
  };

  it('closes the provider in every environment when its consumer is deleted from the catalog', async () => {
    const h = await bothDeployed();
    try {
      h.setEntities(withoutWorker());
      await h.triggerCatalog();
      await h.controlPlane.idle();
      expect([...h.started].sort()).toEqual([`${api}@dev`, `${api}@staging`]);
      expect(apiAdmitsWorker(h.plane, 'dev')).toBe(false);
      expect(apiAdmitsWorker(h.plane, 'staging')).toBe(false);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('closes the provider when its consumer loses spec.deploy', async () => {
    const h = await bothDeployed();
    try {
      h.setEntities(catalog([workerWithoutDeploy()]));
      await h.triggerCatalog();
      await h.controlPlane.idle();
      expect([...h.started].sort()).toEqual([`${api}@dev`, `${api}@staging`]);
      expect(apiAdmitsWorker(h.plane, 'staging')).toBe(false);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it('opens the provider again when the consumer comes back with the same intent', async () => {
    const h = await bothDeployed();
    try {
      h.setEntities(withoutWorker());
      await h.triggerCatalog();
      await h.controlPlane.idle();
      expect(apiAdmitsWorker(h.plane, 'staging')).toBe(false);
      h.started.length = 0;

      // The same intent: no new release, so only the trigger's memory notices the return.
      h.setEntities(catalog());
      await expect(h.triggerCatalog()).resolves.toMatchObject({ released: 0 });
      await h.controlPlane.idle();
      expect([...h.started].sort()).toEqual([`${api}@dev`, `${api}@staging`]);
      expect(apiAdmitsWorker(h.plane, 'staging')).toBe(true);
    } finally {
      await h.controlPlane.stop();
    }
  });

  it.each([
    [
      'its consumer changed',
      () => catalog([component('worker', 'shop', { type: 'worker' })]),
      `${worker} changed in the catalog`,
    ],
    ['its consumer left', withoutWorker, `${worker} left the catalog`],
    [
      'its consumer lost spec.deploy',
      () => catalog([workerWithoutDeploy()]),
      `${worker} lost its deploy intent`,
    ],
  ])(
    'does not show the provider Synced while the re-plan after a catalog change is outstanding (%s)',
    async (_case, entities, why) => {
      const h = await bothDeployed();
      const open = h.plane.hold(`${api}@staging`);
      try {
        h.setEntities(entities());
        await h.triggerCatalog();
        while (!h.started.includes(`${api}@staging`))
          await new Promise(resolve => setTimeout(resolve, 5));
        await expect(
          h.actions.getDeployment(
            { componentRef: api, environment: 'staging' },
            ann,
          ),
        ).resolves.toMatchObject({
          sync: { state: 'pending', reason: `re-planning: ${why}` },
        });
        open();
        await h.controlPlane.idle();
        await expect(
          h.actions.getDeployment(
            { componentRef: api, environment: 'staging' },
            ann,
          ),
        ).resolves.toMatchObject({ sync: { state: 'synced' } });
      } finally {
        open(); // a failed expectation must not leave the sync held, nor stop() waiting on it
        await h.controlPlane.stop();
      }
    },
  );
});
