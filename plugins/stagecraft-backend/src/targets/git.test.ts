import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureRepository,
  git,
  GitError,
  headRevision,
  withRepositoryLock,
} from './git';

describe('git', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stagecraft-git-'));
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it("surfaces git's stderr in the error", async () => {
    const error = await git(root, ['log']).catch(e => e);

    expect(error).toBeInstanceOf(GitError);
    expect(error.message).toMatch(
      /^git log failed: fatal: not a git repository/,
    );
  });

  it('masks secrets in the error of a failed command, arguments included', async () => {
    const error = await git(root, ['log', 'tok-42'], {
      secrets: ['tok-42'],
    }).catch(e => e);

    expect(error.args).toEqual(['log', '***']);
    expect(error.message).not.toContain('tok-42');
  });

  it('creates and initialises a missing directory, once', async () => {
    const directory = join(root, 'a', 'b');

    const top = await ensureRepository(directory);

    expect(await ensureRepository(directory)).toBe(top);
    expect(await headRevision(directory)).toBeUndefined();
    expect(await git(directory, ['symbolic-ref', 'HEAD'])).toBe(
      'refs/heads/main\n',
    );
  });

  it('uses the enclosing repository, unless that repository ignores the directory', async () => {
    const source = join(root, 'source');
    await ensureRepository(source);
    await writeFile(join(source, '.gitignore'), '.stagecraft/\n');
    // A subdirectory of a GitOps repository is that repository's content.
    expect(await ensureRepository(join(source, 'clusters', 'dev'))).toBe(
      await realpath(source),
    );
    // An ignored directory (the default `.stagecraft/gitops` in a Backstage checkout) gets its
    // own repository: deployments must never be committed into the source repository.
    const ignored = join(source, '.stagecraft', 'gitops');
    expect(await ensureRepository(ignored)).toBe(await realpath(ignored));
  });

  it('ignores an inherited GIT_DIR that points at another repository', async () => {
    const saved = process.env.GIT_DIR;
    process.env.GIT_DIR = join(root, 'elsewhere');
    try {
      await ensureRepository(join(root, 'repo'));
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR;
      else process.env.GIT_DIR = saved;
    }
    expect(await git(join(root, 'repo'), ['rev-parse', '--git-dir'])).toBe(
      '.git\n',
    );
  });

  it('runs tasks under one key one at a time, in order, past failures', async () => {
    const events: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        events.push(`start ${name}`);
        await new Promise(r => setImmediate(r));
        events.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };

    const results = await Promise.allSettled([
      withRepositoryLock('k', task('one', true)),
      withRepositoryLock('k', task('two')),
      withRepositoryLock('k', task('three')),
    ]);

    expect(results.map(r => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(events).toEqual([
      'start one',
      'end one',
      'start two',
      'end two',
      'start three',
      'end three',
    ]);
  });
});
