import { ConflictError, NotFoundError } from '@backstage/errors';
import type { SerializedFile } from '@backstage/plugin-scaffolder-node';
import type { GitAuthor, LocalGitRepository } from './LocalGitRepository';

/** What a commit is made of and who makes it. */
export interface CommitRequest {
  files: SerializedFile[];
  message: string;
  author: GitAuthor;
  /** Identifies the task step, so running it again finds its own commit (see taskTrailer). */
  trailer: string;
}

/** The commit a publish made, or found it had made before. */
export interface CommitResult {
  commit: string;
  changed: boolean;
}

/**
 * Creates the repository and commits `files` as its first commit. The first task to create a
 * name owns it: another task gets a ConflictError, while the same task (resumed after a crash
 * or a restart) finishes or finds what it did.
 */
export async function createRepository(
  repo: LocalGitRepository,
  name: string,
  request: CommitRequest,
): Promise<CommitResult> {
  return repo.exclusive(async () => {
    try {
      await repo.create(request.trailer);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if ((await repo.createdBy()) !== request.trailer)
        throw new ConflictError(
          `A repository named ${name} exists already: choose another name`,
        );
    }
    const done = await ownCommit(repo, request.trailer);
    if (done) return { commit: done, changed: false };
    await repo.writeFiles(request.files);
    return repo.commitAll(
      `${request.message}\n\n${request.trailer}\n`,
      request.author,
    );
  });
}

/**
 * Makes the repository's tree exactly `files` and commits the difference (nothing when there
 * is none). Refused when the repository moved on since `baseCommit`, the commit the change
 * was made from: committing anyway would undo whatever was committed in between.
 */
export async function updateRepository(
  repo: LocalGitRepository,
  name: string,
  request: CommitRequest & { baseCommit?: string },
): Promise<CommitResult> {
  return repo.exclusive(async () => {
    const head = await repo.head();
    if (!head)
      throw new NotFoundError(
        `There is no local repository named ${name} (or it has no commit yet)`,
      );
    const done = await ownCommit(repo, request.trailer);
    if (done) return { commit: done, changed: false };
    if (request.baseCommit && request.baseCommit !== head)
      throw new ConflictError(
        `${name} changed since it was checked out (it is now at ${head.slice(
          0,
          12,
        )}, the change was made from ${request.baseCommit.slice(
          0,
          12,
        )}): run the template again`,
      );
    await repo.replaceFiles(request.files);
    return repo.commitAll(
      `${request.message}\n\n${request.trailer}\n`,
      request.author,
    );
  });
}

/**
 * Adds `files` to the repository (created when missing) without touching its other files, and
 * commits. A file that exists with other content is refused: a new environment or type never
 * overwrites one the platform has.
 */
export async function addToRepository(
  repo: LocalGitRepository,
  request: CommitRequest,
): Promise<CommitResult> {
  return repo.exclusive(async () => {
    await repo.ensureExists(request.trailer);
    const done = await ownCommit(repo, request.trailer);
    if (done) return { commit: done, changed: false };
    const existing = new Map(
      (await repo.committedFiles()).map(f => [f.path, f.content]),
    );
    const clashes = request.files.filter(f => {
      const content = existing.get(f.path);
      return content && !content.equals(f.content);
    });
    if (clashes.length > 0)
      throw new ConflictError(
        `The platform repository has ${clashes
          .map(f => f.path)
          .join(
            ', ',
          )} already, with other content: choose another name, or change the existing file where it is maintained`,
      );
    await repo.writeFiles(request.files);
    return repo.commitAll(
      `${request.message}\n\n${request.trailer}\n`,
      request.author,
    );
  });
}

/** The head, when this task step made it (a resumed step that already committed). */
async function ownCommit(
  repo: LocalGitRepository,
  trailer: string,
): Promise<string | undefined> {
  const head = await repo.head();
  if (!head) return undefined;
  const message = await repo.messageOf(head);
  return message.split('\n').includes(trailer) ? head : undefined;
}
