import { readdir, readFile, readlink, stat, unlink } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import { git, headRevision } from './git';

/**
 * A lock file younger than this may belong to a git command still running (ours finish in
 * well under a second; a push over a slow link in seconds), so it is left alone and the sync
 * retried. Older, and with no git process working in the repository, it is a leftover of a
 * process killed mid-write.
 */
export const STALE_LOCK_MS = 60_000;

/** Where the changes found in the working tree are kept: never pushed, never garbage-collected. */
export const SET_ASIDE_REF = 'refs/stagecraft/set-aside';

/** A lock that may still be held: the sync fails (and is retried) rather than break it. */
export class GitLockBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitLockBusyError';
  }
}

const SHOWN = 5;

/**
 * Puts a GitOps working tree back in a state a sync can commit from, without losing anything,
 * and says what it did (for the deployment's status). Callers hold the repository lock, so no
 * git command of this process is running in the repository meanwhile. In order:
 *
 * 1. lock files a killed git process left (index, HEAD, the branch): removed when older than
 *    `staleLockMs` and no git process works in the repository; otherwise the sync fails with
 *    why, and is retried;
 * 2. a rebase a killed push left half-done: aborted (the branch returns to its commits);
 * 3. uncommitted changes under the target directory (edited by hand, or written by a sync that
 *    was killed before it committed): set aside as a stash commit under
 *    `refs/stagecraft/set-aside/<target>/<time>`, and the directory returned to its last commit.
 *    They are not committed: a commit would publish to the cluster what nobody reviewed, or a
 *    half-written file. The next sync writes Stagecraft's own files again.
 */
export async function recoverWorkingTree(o: {
  directory: string;
  targetName: string;
  staleLockMs?: number;
  now?: () => number;
}): Promise<string[]> {
  const notes: string[] = [];
  const now = o.now ?? Date.now;
  const paths = await repositoryPaths(o.directory);
  for (const lock of paths.locks) {
    const removed = await removeIfStale(o.directory, lock, {
      staleLockMs: o.staleLockMs ?? STALE_LOCK_MS,
      now: now(),
      topLevel: paths.topLevel,
    });
    if (removed) notes.push(removed);
  }
  for (const state of paths.rebaseStates)
    if (await exists(state)) {
      await git(o.directory, ['rebase', '--abort']);
      notes.push(
        'undid a rebase a previous sync left unfinished (its commits are on the branch as before)',
      );
      break;
    }
  const setAside = await setAsideChanges(o.directory, o.targetName, now());
  if (setAside) notes.push(setAside);
  return notes;
}

/**
 * The work tree, the locks a commit takes (the index, HEAD and the branch HEAD names) and the
 * directories of an unfinished rebase, asked of git in one call (syncs pay for it every time).
 */
async function repositoryPaths(directory: string) {
  const names = [
    'index.lock',
    'HEAD.lock',
    'HEAD',
    'rebase-merge',
    'rebase-apply',
  ];
  const out = await git(directory, [
    ...['rev-parse', '--show-toplevel', '--git-common-dir'],
    ...names.flatMap(name => ['--git-path', name]),
  ]);
  const [topLevel, commonDir, index, headLock, head, ...rebaseStates] = out
    .split('\n')
    .slice(0, 2 + names.length)
    .map(line => resolve(directory, line));
  const branch = /^ref: (refs\/heads\/\S+)/.exec(
    await readFile(head, 'utf8').catch(() => ''),
  )?.[1];
  const locks = [index, headLock];
  // HEAD is a file anyone with write access to the repository can edit: a branch name with
  // `..` in it must not turn the lock we remove into a file elsewhere on the disk.
  const heads = resolve(commonDir, 'refs', 'heads');
  const branchLock = branch && resolve(commonDir, `${branch}.lock`);
  if (branchLock?.startsWith(`${heads}${sep}`)) locks.push(branchLock);
  return { topLevel, locks, rebaseStates };
}

async function removeIfStale(
  directory: string,
  lock: string,
  o: { staleLockMs: number; now: number; topLevel: string },
): Promise<string | undefined> {
  const info = await stat(lock).catch(() => undefined);
  if (!info) return undefined;
  const shown = relative(directory, lock) || lock;
  const age = Math.round((o.now - info.mtimeMs) / 1000);
  if (o.now - info.mtimeMs < o.staleLockMs)
    throw new GitLockBusyError(
      `${shown} exists and is ${age} s old: a git command may still be writing; the sync is retried, and a lock older than ${Math.round(
        o.staleLockMs / 1000,
      )} s with no git process working in the repository is removed`,
    );
  const holder = await gitProcessIn([o.topLevel, resolve(lock, '..')]);
  if (holder)
    throw new GitLockBusyError(
      `${shown} is ${age} s old but git process ${holder} is working in the repository; the sync is retried once it ends`,
    );
  await unlink(lock);
  return `removed a stale ${shown} (${age} s old, no git process working in the repository)`;
}

/**
 * A git process (pid and command) whose working directory is inside one of `directories`, from
 * /proc. Where there is no /proc (macOS), none is found and the lock's age alone decides.
 */
async function gitProcessIn(
  directories: string[],
): Promise<string | undefined> {
  const pids = await readdir('/proc').catch(() => [] as string[]);
  for (const pid of pids.filter(p => /^\d+$/.test(p))) {
    const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(
      () => '',
    );
    const [program, ...args] = command.split('\0');
    if (!/(^|\/)git(-[\w-]+)?$/.test(program ?? '')) continue;
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => undefined);
    if (cwd && directories.some(d => cwd === d || cwd.startsWith(`${d}${sep}`)))
      return `${pid} (git ${args.filter(Boolean).slice(0, 3).join(' ')})`;
  }
  return undefined;
}

async function setAsideChanges(
  directory: string,
  targetName: string,
  now: number,
): Promise<string | undefined> {
  const status = await git(directory, [
    ...['status', '--porcelain=v1', '-z', '--untracked-files=all'],
    ...['--', '.'],
  ]);
  const paths = status
    .split('\0')
    .filter(Boolean)
    .filter(entry => /^[ MADRCU?!]{2} /.test(entry))
    .map(entry => entry.slice(3));
  // Before the first commit there is nothing to set changes aside against; the first sync
  // commits only its own files.
  if (paths.length === 0 || !(await headRevision(directory))) return undefined;
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const ref = `${SET_ASIDE_REF}/${targetName}/${stamp}`;
  const before = await stashTip(directory);
  await git(directory, [
    ...['stash', 'push', '--include-untracked', '-q'],
    ...[
      '-m',
      `Stagecraft set aside uncommitted changes before a sync (${ref})`,
    ],
    ...['--', '.'],
  ]);
  // git lists changes it cannot stash (a submodule's moved checkout): then it made no stash,
  // and refs/stash is still the operator's own, which must be neither taken nor dropped.
  const stash = await stashTip(directory);
  if (!stash || stash === before) return undefined;
  await git(directory, ['update-ref', ref, stash]);
  // Kept under our ref; the stash list is the operator's.
  await git(directory, ['stash', 'drop', '-q']);
  const more = paths.length > SHOWN ? ` and ${paths.length - SHOWN} more` : '';
  return `set aside uncommitted changes to ${paths
    .slice(0, SHOWN)
    .join(', ')}${more} as ${ref} (git stash apply ${ref} brings them back)`;
}

/** The newest stash commit, or '' when there is none. */
async function stashTip(directory: string): Promise<string> {
  return git(directory, ['rev-parse', '-q', '--verify', 'refs/stash']).then(
    out => out.trim(),
    () => '',
  );
}

async function exists(path: string) {
  return stat(path).then(
    () => true,
    () => false,
  );
}
