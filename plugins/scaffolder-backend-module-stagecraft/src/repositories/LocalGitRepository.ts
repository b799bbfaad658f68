import type { SerializedFile } from '@backstage/plugin-scaffolder-node';
import { deserializeDirectoryContents } from '@backstage/plugin-scaffolder-node';
import git from 'isomorphic-git';
import fs, { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Who a commit is by: the user running the template. */
export interface GitAuthor {
  name: string;
  email: string;
}

/** Marks the repository with the task that created it, so a resumed task knows it is its own. */
const CREATED_BY_FILE = 'stagecraft-created-by';

/** One lock per repository directory: two tasks never write one working tree at once. */
const locks = new Map<string, Promise<unknown>>();

/**
 * A git repository on the backend's disk with a working tree — the one the catalog reads its
 * catalog-info.yaml from — written with isomorphic-git (no git binary, no remote, no
 * credentials). Writers take {@link LocalGitRepository.exclusive}.
 */
export class LocalGitRepository {
  constructor(readonly dir: string) {}

  /**
   * Creates the directory and an empty repository on `main`, marked with `createdBy`. Throws
   * `EEXIST` when the directory exists: a name is claimed by the first task that creates it.
   */
  async create(createdBy: string): Promise<void> {
    await mkdir(dirname(this.dir), { recursive: true });
    await mkdir(this.dir);
    await git.init({ fs, dir: this.dir, defaultBranch: 'main' });
    await writeFile(join(this.dir, '.git', CREATED_BY_FILE), createdBy);
  }

  /**
   * Makes the repository if it does not exist yet (the platform repository), also in a
   * directory that exists without one.
   */
  async ensureExists(createdBy: string): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    if (existsSync(join(this.dir, '.git'))) return;
    await git.init({ fs, dir: this.dir, defaultBranch: 'main' });
    await writeFile(join(this.dir, '.git', CREATED_BY_FILE), createdBy);
  }

  /** The task that created the repository, when this module did. */
  async createdBy(): Promise<string | undefined> {
    return readFile(join(this.dir, '.git', CREATED_BY_FILE), 'utf8').catch(
      () => undefined,
    );
  }

  /** The commit `main` points at; undefined before the first commit. */
  async head(): Promise<string | undefined> {
    return git
      .resolveRef({ fs, dir: this.dir, ref: 'HEAD' })
      .catch(() => undefined);
  }

  async messageOf(commit: string): Promise<string> {
    const { commit: read } = await git.readCommit({
      fs,
      dir: this.dir,
      oid: commit,
    });
    return read.message;
  }

  /** The files of the last commit, as committed (not as the working tree holds them). */
  async committedFiles(): Promise<SerializedFile[]> {
    const head = await this.head();
    if (!head) return [];
    const paths = await git.listFiles({ fs, dir: this.dir, ref: head });
    return Promise.all(
      paths.map(async path => {
        const { blob } = await git.readBlob({
          fs,
          dir: this.dir,
          oid: head,
          filepath: path,
        });
        return { path, content: Buffer.from(blob) };
      }),
    );
  }

  /** Writes files into the working tree, leaving the others as they are. */
  async writeFiles(files: SerializedFile[]): Promise<void> {
    await deserializeDirectoryContents(this.dir, files);
  }

  /** Makes the working tree exactly `files`: tracked files not among them are deleted. */
  async replaceFiles(files: SerializedFile[]): Promise<void> {
    const keep = new Set(files.map(f => f.path));
    for (const path of await git.listFiles({ fs, dir: this.dir }))
      if (!keep.has(path)) await rm(join(this.dir, path), { force: true });
    await this.writeFiles(files);
  }

  /**
   * Stages every change of the working tree and commits it; nothing to commit leaves the
   * repository as it is and answers its head with `changed: false`.
   */
  async commitAll(
    message: string,
    author: GitAuthor,
  ): Promise<{ commit: string; changed: boolean }> {
    const matrix = await git.statusMatrix({ fs, dir: this.dir });
    let changed = false;
    for (const [filepath, head, workdir, stage] of matrix) {
      if (head === 1 && workdir === 1 && stage === 1) continue;
      changed = true;
      if (workdir === 0) await git.remove({ fs, dir: this.dir, filepath });
      else await git.add({ fs, dir: this.dir, filepath });
    }
    const head = await this.head();
    if (!changed && head) return { commit: head, changed: false };
    const commit = await git.commit({
      fs,
      dir: this.dir,
      message,
      author,
      committer: author,
    });
    return { commit, changed: true };
  }

  /** Runs `fn` while no other writer of this process touches the repository. */
  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const previous = locks.get(this.dir) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(fn);
    locks.set(this.dir, run);
    try {
      return await run;
    } finally {
      if (locks.get(this.dir) === run) locks.delete(this.dir);
    }
  }
}
