import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  SerializedFile,
  serializeDirectoryContents,
} from '@backstage/plugin-scaffolder-node';
import type { UserEntity } from '@backstage/catalog-model';
import type { GitAuthor } from './LocalGitRepository';

/**
 * The files of a workspace directory to commit. Symbolic links are refused: a link committed
 * into a repository the catalog reads on the backend's disk could make it read any file there.
 */
export async function workspaceFiles(
  workspacePath: string,
  sourcePath: string,
): Promise<SerializedFile[]> {
  const files = await serializeDirectoryContents(
    resolveSafeChildPath(workspacePath, sourcePath),
    { gitignore: true },
  );
  const links = files.filter(f => f.symlink).map(f => f.path);
  if (links.length > 0)
    throw new InputError(
      `Symbolic links are not published (${links.join(
        ', ',
      )}): replace them with the files themselves`,
    );
  return files;
}

/** The commit author: the user running the template, as the catalog knows them. */
export function gitAuthorOf(user?: {
  entity?: UserEntity;
  ref?: string;
}): GitAuthor {
  const profile = user?.entity?.spec?.profile;
  const name = user?.entity?.metadata.name ?? user?.ref ?? 'scaffolder';
  return {
    name: profile?.displayName ?? user?.ref ?? name,
    email: profile?.email ?? `${name}@users.noreply.stagecraft.local`,
  };
}

/** The trailer a commit carries so a resumed task recognises the commit it already made. */
export function taskTrailer(taskId: string, stepId?: string): string {
  return `Scaffolder-Task: ${taskId}${stepId ? `/${stepId}` : ''}`;
}
