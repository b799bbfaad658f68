import { mockCredentials } from '@backstage/backend-test-utils';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createControlPlaneHarness } from '../__testUtils__/controlPlaneHarness';
import { testCatalog } from '../__testUtils__/entities';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { GitOpsDataPlane } from './GitOpsDataPlane';

const databases = createTestDatabases();
const ann = { credentials: mockCredentials.user('user:default/ann') };

describe('a GitOps repair in the deployment status', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stagecraft-gitops-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('names the stale lock the sync removed, in the reason and the last change', async () => {
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
      const lock = join(root, '.git', 'index.lock');
      await writeFile(lock, '');
      const then = new Date(Date.now() - 300_000);
      await utimes(lock, then, then);

      const dev = { componentRef: 'component:default/api', environment: 'dev' };
      await h.actions.redeploy(dev, ann);
      await h.controlPlane.idle();
      const status = await h.actions.getDeployment(dev, ann);
      expect(status.sync.state).toBe('synced');
      expect(status.sync.reason).toMatch(
        /; removed a stale \.git\/index\.lock \(\d+ s old, no git process working in the repository\)$/,
      );
      expect(status.sync.lastChange?.summary).toBe(status.sync.reason);
    } finally {
      await h.controlPlane.stop();
    }
  }, 30_000);
});
