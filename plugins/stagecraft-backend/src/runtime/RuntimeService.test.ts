import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { parseAllDocuments } from 'yaml';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { RecordingDataPlane } from '../__testUtils__/RecordingDataPlane';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { RuntimeService } from './RuntimeService';

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };
const dev = { componentRef: 'component:default/api', environment: 'dev' };

/** The control plane on a recording (GitOps-typed) data plane, api and worker deployed to dev. */
async function setUp(allow = true) {
  const permissions = mockServices.permissions.mock({
    authorize: (async (requests: unknown[]) =>
      requests.map(() => ({
        result: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      }))) as any,
  });
  const h = createControlPlaneHarness({
    knex: await databases.migrated('SQLITE_3'),
    entities: testCatalog('shop'),
    dataPlanes: new Map([['local', new RecordingDataPlane()]]),
    permissions,
  });
  h.controlPlane.start();
  await h.triggerCatalog();
  await h.controlPlane.idle();
  await h.controlPlane.stop();
  const runtime = new RuntimeService({
    deployments: h.actions,
    store: h.store,
    dataPlanes: new Map([['local', new RecordingDataPlane()]]),
    links: [
      {
        title: 'Dashboard',
        url: 'https://grafana.example/d/{project}?ns={namespace}&app={component}&env={environment}',
        icon: 'dashboard',
      },
    ],
    logger: mockServices.logger.mock(),
  });
  return { ...h, runtime };
}

describe('RuntimeService', () => {
  it('says why a GitOps target has no runtime state, and refuses its logs', async () => {
    const { runtime } = await setUp();

    await expect(runtime.getRuntime(dev, ann)).resolves.toEqual({
      ...dev,
      available: false,
      reason:
        'environment "dev" deploys to gitops target "local"; runtime state and logs come from Kubernetes targets only',
      pods: [],
      events: [],
    });
    await expect(
      runtime.openLogs(
        dev,
        { tailLines: 10, follow: false, timestamps: false },
        ann,
      ),
    ).rejects.toThrow(ConflictError);
  });

  it('renders the current release to the shared and own objects, as YAML', async () => {
    const { runtime } = await setUp();

    const yaml = await runtime.getManifests(dev, ann);

    const objects = parseAllDocuments(yaml).map(d => d.toJS());
    expect(objects[0]).toMatchObject({
      kind: 'Namespace',
      metadata: { name: 'shop-dev' },
    });
    expect(objects).toContainEqual(
      expect.objectContaining({
        kind: 'Deployment',
        metadata: expect.objectContaining({
          name: 'api',
          namespace: 'shop-dev',
        }),
        spec: expect.objectContaining({ replicas: 2 }),
      }),
    );
    expect(
      objects.every(
        o =>
          o.kind === 'Namespace' ||
          o.metadata.labels['stagecraft.dev/component'] === 'api' ||
          o.metadata.labels['stagecraft.dev/component'] === undefined,
      ),
    ).toBe(true);
  });

  it('answers 409 with the compiler’s reason when the release no longer compiles', async () => {
    const { runtime, setEntities } = await setUp();
    setEntities(testCatalog('shop').filter(e => e.metadata.name !== 'dev'));

    const refused = runtime.getManifests(dev, ann);

    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toThrow(
      'component:default/api does not compile for dev: environment "dev"',
    );
  });

  it('fills the link templates in with the deployment’s project, namespace, component and environment', async () => {
    const { runtime } = await setUp();

    await expect(runtime.listLinks(dev, ann)).resolves.toEqual([
      {
        title: 'Dashboard',
        url: 'https://grafana.example/d/shop?ns=shop-dev&app=api&env=dev',
        icon: 'dashboard',
      },
    ]);
  });

  it('checks the read permission and that the deployment exists before anything else', async () => {
    const denied = await setUp(false);
    const reads = [
      () => denied.runtime.getRuntime(dev, ann),
      () => denied.runtime.getManifests(dev, ann),
      () => denied.runtime.listLinks(dev, ann),
      () =>
        denied.runtime.openLogs(
          dev,
          { tailLines: 1, follow: false, timestamps: false },
          ann,
        ),
    ];
    for (const read of reads)
      await expect(read()).rejects.toThrow(NotAllowedError);

    const { runtime } = await setUp();
    await expect(
      runtime.getRuntime({ ...dev, environment: 'staging' }, ann),
    ).rejects.toThrow(NotFoundError);
  });
});
