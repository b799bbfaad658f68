import { GitOpsRemote } from '@stagecraft/plugin-stagecraft-node';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployment, request } from '../__testUtils__/syncRequests';
import { git, headRevision } from './git';
import { GitOpsDataPlane } from './GitOpsDataPlane';
import { GitPushError } from './GitRemote';

// A GitOps target with a remote: a bare repository on disk, as a path or a file:// URL, and
// a second clone standing for whoever else pushes to the branch.

describe('a GitOps target with a remote', () => {
  let root: string;
  let bare: string;
  let directory: string;
  let logged: string[];

  const plane = (remote: Partial<GitOpsRemote> = {}) =>
    new GitOpsDataPlane({
      name: 'fleet',
      directory,
      remote: { url: bare, branch: 'main', ...remote },
      logger: {
        info: m => logged.push(m),
        warn: m => logged.push(m),
      },
    });
  const remoteHead = async () =>
    (await git(bare, ['rev-parse', 'refs/heads/main'])).trim();
  /** Someone else's commit on the remote branch, changing `file`. */
  async function pushFromElsewhere(file: string, content: string) {
    const other = await mkdtemp(join(root, 'other-'));
    await git(root, ['clone', '-q', bare, other]);
    await writeFile(join(other, file), content);
    await git(other, ['add', '--', file]);
    await git(other, ['commit', '-q', '-m', `edit ${file}`]);
    await git(other, ['push', '-q', 'origin', 'HEAD:main']);
  }

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stagecraft-remote-'));
    bare = join(root, 'fleet.git');
    directory = join(root, 'work');
    logged = [];
    await git(root, ['init', '-q', '--bare', '-b', 'main', bare]);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('pushes every commit, and reports the pushed commit as the revision', async () => {
    const target = plane({ url: `file://${bare}` });

    const first = await target.sync(request());
    const second = await target.sync(request({ component: 'worker' }));

    expect(await remoteHead()).toBe(second.revision);
    expect((await git(bare, ['rev-list', '--count', 'main'])).trim()).toBe('2');
    expect(first.revision).not.toBe(second.revision);
    expect(logged).toContain(
      `gitops target fleet: pushed ${second.revision} to main of file://${bare}`,
    );
  });

  it('makes no round trip when it has nothing to push', async () => {
    const target = plane();
    const first = await target.sync(request());
    await rename(bare, `${bare}.away`);

    // The remote is unreachable, but the sync changed nothing, so it does not notice.
    await expect(target.sync(request())).resolves.toMatchObject({
      revision: first.revision,
    });
  });

  it('continues the remote branch when the local repository is new', async () => {
    await pushFromElsewhere('README.md', 'the fleet\n');
    const before = await remoteHead();

    const result = await plane().sync(request());

    expect(await readFile(join(directory, 'README.md'), 'utf8')).toBe(
      'the fleet\n',
    );
    expect((await git(bare, ['rev-parse', 'main~1'])).trim()).toBe(before);
    expect(await remoteHead()).toBe(result.revision);
  });

  it('rebases its commit onto the remote when someone else pushed meanwhile', async () => {
    const target = plane();
    await target.sync(request());
    await pushFromElsewhere('README.md', 'the fleet\n');

    const result = await target.sync(request({ component: 'worker' }));

    expect(await remoteHead()).toBe(result.revision);
    expect(result.revision).toBe(await headRevision(directory));
    expect(await git(bare, ['log', '--format=%s', 'main'])).toMatch(
      /^deploy worker to dev: release \w+\nedit README.md\ndeploy api to dev/,
    );
  });

  it('merges the kustomizations when another writer added a file to the same directory', async () => {
    // Two backend replicas, each with its own working tree, pushing to one branch.
    const one = plane();
    await one.sync(request());
    const twoDirectory = join(root, 'replica-two');
    const two = new GitOpsDataPlane({
      name: 'fleet',
      directory: twoDirectory,
      remote: { url: bare, branch: 'main' },
    });
    await two.sync(request());

    // Both insert a line at the same place of dev/shop/kustomization.yaml: a conflict.
    await one.sync(request({ component: 'cart' }));
    const result = await two.sync(request({ component: 'db' }));

    expect(await remoteHead()).toBe(result.revision);
    expect(
      await git(bare, ['show', 'main:dev/shop/kustomization.yaml']),
    ).toContain(
      'resources:\n  - api.yaml\n  - cart.yaml\n  - db.yaml\n  - namespace.yaml\n',
    );
    expect(await git(twoDirectory, ['status', '--porcelain'])).toBe('');
  });

  it('fails naming the files when the remote changed a file its commit changes, and pushes once that is undone', async () => {
    const target = plane();
    await target.sync(request());
    await pushFromElsewhere('dev/shop/api.yaml', 'hand-edited\n');
    const moved = await remoteHead();

    const error = await target
      .sync(request({ manifests: [deployment('api', 'shop/api:2')] }))
      .catch(e => e);

    expect(error).toBeInstanceOf(GitPushError);
    expect(error.message).toMatch(
      /branch main of .*fleet\.git changed dev\/shop\/api\.yaml since Stagecraft's last push/,
    );
    expect(await remoteHead()).toBe(moved);
    // The rebase was undone: the commit waits in the local repository, nothing half-applied.
    expect(existsSync(join(directory, '.git', 'rebase-merge'))).toBe(false);
    expect(await git(directory, ['status', '--porcelain'])).toBe('');
    expect(
      await readFile(join(directory, 'dev/shop/api.yaml'), 'utf8'),
    ).toMatch(/shop\/api:2/);

    // Whoever edited the file reverts the edit; the next sync delivers the waiting commit.
    const other = join(root, 'reverter');
    await git(root, ['clone', '-q', bare, other]);
    await git(other, ['revert', '--no-edit', 'HEAD']);
    await git(other, ['push', '-q', 'origin', 'HEAD:main']);
    const retried = await target.sync(
      request({ manifests: [deployment('api', 'shop/api:2')] }),
    );
    expect(await remoteHead()).toBe(retried.revision);
    expect(await git(bare, ['show', 'main:dev/shop/api.yaml'])).toMatch(
      /shop\/api:2/,
    );
  });

  it('keeps a commit it could not push and pushes it with the next sync', async () => {
    const target = plane();
    const first = await target.sync(request());
    await rename(bare, `${bare}.away`);
    const changed = request({ manifests: [deployment('api', 'shop/api:2')] });
    await expect(target.sync(changed)).rejects.toThrow(
      /could not publish to branch main of .*fleet\.git/,
    );
    const waiting = await headRevision(directory);
    expect(waiting).not.toBe(first.revision);
    await rename(`${bare}.away`, bare);

    const result = await target.sync(changed);

    // Nothing left to write: the commit was made by the failed sync and only needed pushing.
    expect(result.changes.map(c => c.action)).toEqual(['unchanged']);
    expect(result.revision).toBe(waiting);
    expect(await remoteHead()).toBe(waiting);
  });
});
