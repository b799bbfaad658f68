import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from '../__testUtils__/syncRequests';
import { git } from './git';
import { GitOpsDataPlane } from './GitOpsDataPlane';
import { recoverWorkingTree, SET_ASIDE_REF } from './gitRecovery';
import { printFaultReport } from '../faults/__testUtils__/faultReport';

/*
 * Faults a GitOps working tree is left with, on real git repositories: a stale lock of a
 * process killed mid-commit, a fresh lock or one a live git process may hold, uncommitted
 * edits by hand, and files a killed sync wrote but never committed. Each prints the fault,
 * what was checked and how long the sync that recovered took.
 */

const report = (fault: string, checked: string, since: number) =>
  printFaultReport({
    fault,
    checked: [checked],
    converged: { ms: Date.now() - since, from: 'the next sync starting' },
  });

describe('a GitOps sync recovers the working tree a killed process left', () => {
  let directory: string;
  let plane: GitOpsDataPlane;
  const lock = () => join(directory, '.git', 'index.lock');
  const age = (path: string, seconds: number) => {
    const then = new Date(Date.now() - seconds * 1000);
    return utimes(path, then, then);
  };
  const headFile = (path: string) =>
    git(directory, ['show', `HEAD:${path}`]).catch(() => undefined);

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'stagecraft-gitfault-'));
    plane = new GitOpsDataPlane({ name: 'fleet', directory });
    await plane.sync(request());
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it('removes an index.lock older than the bound that no git process holds, and says so', async () => {
    await writeFile(lock(), '');
    await age(lock(), 120);
    const started = Date.now();
    const result = await plane.sync(request({ component: 'web' }));
    expect(existsSync(lock())).toBe(false);
    expect(result.notes).toEqual([
      expect.stringMatching(
        /^removed a stale \.git\/index\.lock \(12\d s old, no git process working in the repository\)$/,
      ),
    ]);
    expect(await headFile('dev/shop/web.yaml')).toContain('name: web');
    report(
      'stale .git/index.lock (killed mid-commit, 120 s old)',
      'lock removed, web committed, the note names it',
      started,
    );
  });

  it('leaves a fresh lock alone: the sync fails with why, and is retried', async () => {
    await writeFile(lock(), '');
    await expect(plane.sync(request({ component: 'web' }))).rejects.toThrow(
      /\.git\/index\.lock exists and is \d+ s old: a git command may still be writing; the sync is retried/,
    );
    expect(existsSync(lock())).toBe(true);
  });

  it('leaves an old lock alone while a git process works in the repository', async () => {
    // A git command waiting on its input, as one stuck over a slow link would.
    const child = spawn('git', ['cat-file', '--batch'], {
      cwd: directory,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    try {
      await writeFile(lock(), '');
      await age(lock(), 120);
      await expect(plane.sync(request({ component: 'web' }))).rejects.toThrow(
        new RegExp(`git process ${child.pid} \\(git cat-file --batch\\)`),
      );
      expect(existsSync(lock())).toBe(true);
    } finally {
      child.kill();
      await new Promise(r => child.once('exit', r));
    }
    await plane.sync(request({ component: 'web' }));
    expect(existsSync(lock())).toBe(false);
  });

  it('sets hand edits and untracked files aside under a ref, never commits or loses them', async () => {
    const file = join(directory, 'dev/shop/api.yaml');
    const edited = `${await readFile(file, 'utf8')}# edited by hand\n`;
    await writeFile(file, edited);
    await writeFile(join(directory, 'dev/shop/notes.txt'), 'mine\n');
    const started = Date.now();
    const result = await plane.sync(request({ component: 'web' }));

    expect(result.notes).toEqual([
      expect.stringMatching(
        /^set aside uncommitted changes to dev\/shop\/api\.yaml, dev\/shop\/notes\.txt as refs\/stagecraft\/set-aside\/fleet\/\S+ \(git stash apply \S+ brings them back\)$/,
      ),
    ]);
    // Not committed: neither the sync's commit nor any other carries them.
    expect(await headFile('dev/shop/api.yaml')).not.toContain('edited by hand');
    expect(await headFile('dev/shop/notes.txt')).toBeUndefined();
    expect(await git(directory, ['status', '--porcelain'])).toBe('');
    // Not lost: the ref brings both back.
    const ref = (
      await git(directory, [
        'for-each-ref',
        '--format=%(refname)',
        SET_ASIDE_REF,
      ])
    ).trim();
    await git(directory, ['stash', 'apply', '-q', ref]);
    expect(await readFile(file, 'utf8')).toBe(edited);
    expect(await readFile(join(directory, 'dev/shop/notes.txt'), 'utf8')).toBe(
      'mine\n',
    );
    report(
      'uncommitted hand edit + untracked file in the working tree',
      `both set aside as ${ref}, not committed, restored by git stash apply; web committed`,
      started,
    );
  });

  it('never commits a kustomization naming a file a killed sync wrote but did not commit', async () => {
    // A sync of `cron` killed after writing its files and before its commit.
    await writeFile(
      join(directory, 'dev/shop/cron.yaml'),
      'apiVersion: v1\nki',
    );
    const kustomization = join(directory, 'dev/shop/kustomization.yaml');
    await writeFile(
      kustomization,
      (
        await readFile(kustomization, 'utf8')
      ).replace('  - api.yaml\n', '  - api.yaml\n  - cron.yaml\n'),
    );
    const started = Date.now();
    await plane.sync(request({ component: 'web' }));
    const committed = (await headFile('dev/shop/kustomization.yaml'))!;
    const listed = [...committed.matchAll(/^ {2}- (\S+)$/gm)].map(m => m[1]);
    expect(listed).toEqual(['api.yaml', 'namespace.yaml', 'web.yaml']);
    for (const name of listed)
      expect(await headFile(`dev/shop/${name}`)).toBeDefined();
    report(
      'half-written files of a sync killed before its commit',
      `next commit's kustomization lists only committed files (${listed.join(
        ', ',
      )}); the half-written file set aside`,
      started,
    );
  });

  it("keeps the operator's stash when the change git reports cannot be stashed (a submodule moved)", async () => {
    const source = await mkdtemp(join(tmpdir(), 'stagecraft-gitfault-sub-'));
    try {
      await git(source, ['init', '-q']);
      await git(source, ['commit', '-q', '--allow-empty', '-m', 'one']);
      const fileProtocol = ['-c', 'protocol.file.allow=always'];
      await git(directory, [
        ...[...fileProtocol, 'submodule', 'add', '-q', source],
        'dev/shop/vendor',
      ]);
      await git(directory, ['commit', '-q', '-m', 'vendor']);
      const file = join(directory, 'dev/shop/api.yaml');
      await writeFile(file, `${await readFile(file, 'utf8')}# mine\n`);
      await git(directory, ['stash', 'push', '-q', '-m', 'operator']);
      // Status lists the moved submodule; `git stash` saves nothing for it.
      const vendor = join(directory, 'dev/shop/vendor');
      await git(vendor, ['commit', '-q', '--allow-empty', '-m', 'two']);

      const result = await plane.sync(request({ component: 'web' }));
      expect(await git(directory, ['stash', 'list'])).toContain('operator');
      expect(result.notes ?? []).toEqual([]);
      expect(await headFile('dev/shop/web.yaml')).toContain('name: web');
    } finally {
      await rm(source, { recursive: true, force: true });
    }
  });

  it('removes a stale lock of the branch HEAD names', async () => {
    const branchLock = join(directory, '.git', 'refs', 'heads', 'main.lock');
    await writeFile(branchLock, '');
    await age(branchLock, 120);
    const notes = await recoverWorkingTree({ directory, targetName: 'fleet' });
    expect(existsSync(branchLock)).toBe(false);
    expect(notes[0]).toMatch(/^removed a stale \.git\/refs\/heads\/main\.lock/);
  });

  it('never removes a file outside the repository that a crafted HEAD names as its branch lock', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'stagecraft-victim-'));
    const victim = join(outside, 'keep.lock');
    try {
      await writeFile(victim, 'not git');
      await age(victim, 120);
      const up = '../'.repeat(12);
      await writeFile(
        join(directory, '.git', 'HEAD'),
        `ref: refs/heads/${up}${victim.slice(1, -'.lock'.length)}\n`,
      );
      await recoverWorkingTree({ directory, targetName: 'fleet' }).catch(
        () => undefined,
      );
      expect(existsSync(victim)).toBe(true);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('undoes a rebase a killed push left half-done', async () => {
    await git(directory, ['checkout', '-q', '-b', 'side']);
    await writeFile(join(directory, 'other.txt'), 'side\n');
    await git(directory, ['add', 'other.txt']);
    await git(directory, ['commit', '-q', '-m', 'side']);
    await git(directory, ['checkout', '-q', 'main']);
    await writeFile(join(directory, 'other.txt'), 'main\n');
    await git(directory, ['add', 'other.txt']);
    await git(directory, ['commit', '-q', '-m', 'main']);
    const head = (await git(directory, ['rev-parse', 'HEAD'])).trim();
    await expect(git(directory, ['rebase', '-q', 'side'])).rejects.toThrow();

    const result = await plane.sync(request({ component: 'web' }));
    expect(result.notes?.[0]).toMatch(/^undid a rebase/);
    expect((await git(directory, ['rev-parse', 'HEAD~1'])).trim()).toBe(head);
  });
});
