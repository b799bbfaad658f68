import { mockCredentials } from '@backstage/backend-test-utils';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { git } from '../targets/git';
import { GitOpsDataPlane } from '../targets/GitOpsDataPlane';

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };

describe('a deployment on a GitOps target', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stagecraft-gitops-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('is deployed and undeployed as commits of its own file', async () => {
    const h = createControlPlaneHarness({
      knex: await databases.migrated('SQLITE_3'),
      entities: testCatalog('shop'),
      dataPlanes: new Map([
        ['local', new GitOpsDataPlane({ name: 'local', directory: root })],
      ]),
    });
    h.controlPlane.start();
    try {
      await h.triggerCatalog();
      await h.controlPlane.idle();
      const file = join(root, 'dev', 'shop', 'api.yaml');
      expect(existsSync(file)).toBe(true);

      const dev = { componentRef: 'component:default/api', environment: 'dev' };
      await h.actions.undeploy(dev, ann);
      await h.controlPlane.idle();
      await expect(h.actions.getDeployment(dev, ann)).resolves.toMatchObject({
        desiredState: 'undeployed',
        sync: { state: 'synced' },
      });
      expect(existsSync(file)).toBe(false);
      // The neighbour and the project's shared objects stay.
      expect(existsSync(join(root, 'dev', 'shop', 'worker.yaml'))).toBe(true);
      expect(existsSync(join(root, 'dev', 'shop', 'namespace.yaml'))).toBe(
        true,
      );
      expect(await git(root, ['log', '-1', '--format=%s'])).toMatch(
        /^undeploy api to dev: release [0-9a-f]{12}/,
      );
    } finally {
      await h.controlPlane.stop();
    }
  });
});
