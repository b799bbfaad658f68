import { LoggerService } from '@backstage/backend-plugin-api';
import { GitOpsRemote } from '@stagecraft/plugin-stagecraft-node';
import { remoteAccess } from './gitCredentials';
import { posix } from 'node:path';
import { redact } from '../redaction/redact';
import { git, GitError, GitOptions, headRevision } from './git';
import { KUSTOMIZATION_FILE, rewriteKustomizations } from './gitopsLayout';
import { WorkingTreeEdit } from './WorkingTreeEdit';

/** Pushes rejected because the remote moved, each followed by a fetch and rebase, before giving up. */
const ATTEMPTS = 3;

/** A push that did not reach the remote; the message says why and what to do. */
export class GitPushError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GitPushError';
  }
}

const isKustomization = (path: string) =>
  posix.basename(path) === KUSTOMIZATION_FILE;

/** Paths with unresolved conflicts, from the top level or relative to `directory`. */
async function unmerged(directory: string, relative: boolean) {
  const out = await git(directory, [
    ...['diff', '--name-only', '--diff-filter=U'],
    ...(relative ? ['--relative'] : []),
  ]);
  return out.split('\n').filter(Boolean);
}

const movedOn = (error: unknown) =>
  error instanceof GitError &&
  /\[rejected\]|\(fetch first\)|non-fast-forward/.test(error.stderr);

/**
 * The remote a GitOps target publishes to: every commit is pushed to `branch` once made. When
 * the branch moved (someone else pushed), our unpushed commits are rebased onto it and pushed
 * again; a rebase that conflicts is undone and the push fails naming the files, so the commits
 * stay local until the next sync finds the conflict gone. Callers hold the repository lock.
 */
export class GitRemote {
  private readonly access: Required<GitOptions>;
  private readonly trackingRef: string;
  /** Shown in logs and errors: the URL with any user information masked. */
  readonly displayUrl: string;

  constructor(
    private readonly remote: GitOpsRemote,
    private readonly targetName: string,
    private readonly logger?: Pick<LoggerService, 'info' | 'warn'>,
  ) {
    this.access = remoteAccess(remote);
    this.displayUrl = redact(remote.url, this.access.secrets);
    // What was last pushed, so a sync that committed nothing costs no round trip.
    this.trackingRef = `refs/stagecraft/pushed/${targetName}`;
  }

  /**
   * A repository without a commit starts from the remote branch, when it exists, so the first
   * push continues its history instead of replacing it.
   */
  async adopt(directory: string): Promise<void> {
    if ((await headRevision(directory)) !== undefined) return;
    if (await this.fetch(directory))
      await git(directory, ['reset', '-q', '--hard', 'FETCH_HEAD']);
  }

  /** Pushes HEAD unless the remote has it already; resolves with HEAD as pushed. */
  async publish(directory: string): Promise<string | undefined> {
    const head = await headRevision(directory);
    if (head === undefined || head === (await this.pushed(directory)))
      return head;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.run(directory, [
          'push',
          '-q',
          this.remote.url,
          `HEAD:refs/heads/${this.remote.branch}`,
        ]);
        break;
      } catch (error) {
        if (!movedOn(error) || attempt === ATTEMPTS)
          throw this.failure(error, attempt);
      }
      if (await this.fetch(directory)) await this.rebase(directory);
    }
    const pushed = (await headRevision(directory))!;
    await git(directory, ['update-ref', this.trackingRef, pushed]);
    this.logger?.info(
      `gitops target ${this.targetName}: pushed ${pushed} to ${this.remote.branch} of ${this.displayUrl}`,
    );
    return pushed;
  }

  private run(directory: string, args: string[]) {
    return git(directory, args, this.access);
  }

  private async pushed(directory: string): Promise<string | undefined> {
    const out = await git(directory, [
      'rev-parse',
      '-q',
      '--verify',
      this.trackingRef,
    ]).catch(() => '');
    return out.trim() || undefined;
  }

  /** Fetches the branch into FETCH_HEAD; false when the remote has no such branch yet. */
  private async fetch(directory: string): Promise<boolean> {
    try {
      await this.run(directory, [
        'fetch',
        '-q',
        '--no-tags',
        this.remote.url,
        `refs/heads/${this.remote.branch}`,
      ]);
      return true;
    } catch (error) {
      if (
        error instanceof GitError &&
        /couldn't find remote ref/.test(error.stderr)
      )
        return false;
      throw this.failure(error, 1);
    }
  }

  /**
   * Replays our unpushed commits on the fetched branch. A conflict only in kustomizations (two
   * writers added files to one directory) is resolved by rewriting them from the files on disk;
   * any other conflict undoes the attempt and says which files.
   */
  private async rebase(directory: string) {
    let step = git(directory, ['rebase', '-q', 'FETCH_HEAD']);
    for (;;) {
      const error = await step.then(
        () => undefined,
        e => e as Error,
      );
      if (!error) return;
      const conflicts = await unmerged(directory, false);
      // Relative to the target directory, like the layout's paths; a conflict outside it is
      // not ours to resolve.
      const ours = await unmerged(directory, true);
      if (
        !conflicts.length ||
        ours.length !== conflicts.length ||
        !ours.every(isKustomization)
      ) {
        await git(directory, ['rebase', '--abort']).catch(() => undefined);
        throw new GitPushError(
          conflicts.length
            ? `${this.where()} changed ${conflicts.join(
                ', ',
              )} since Stagecraft's last push, and so do commits it has not pushed yet; they stay local until those files on the branch are put back as Stagecraft wrote them (Stagecraft owns them), then the next sync pushes`
            : `could not rebase onto ${this.where()}: ${error.message}`,
        );
      }
      const tree = new WorkingTreeEdit(directory);
      for (const path of ours)
        await rewriteKustomizations(tree, posix.dirname(path));
      await git(directory, ['add', '-A', '--', ...tree.paths]);
      step = git(directory, ['rebase', '--continue'], {
        env: { GIT_EDITOR: 'true' },
      });
    }
  }

  private where() {
    return `branch ${this.remote.branch} of ${this.displayUrl}`;
  }

  private failure(error: unknown, attempt: number): GitPushError {
    const reason =
      error instanceof GitError
        ? error.stderr
        : redact(String(error), this.access.secrets);
    const after = attempt > 1 ? ` after ${attempt} attempts` : '';
    return new GitPushError(
      `could not publish to ${this.where()}${after}: ${reason}`,
    );
  }
}
