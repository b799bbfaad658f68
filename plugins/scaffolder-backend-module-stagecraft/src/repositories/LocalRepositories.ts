import {
  resolveSafeChildPath,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LocalGitRepository } from './LocalGitRepository';

/** A repository name: one path segment that is also a DNS label, as component names are. */
const REPOSITORY_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Where the embedded default keeps git repositories (see config.d.ts). */
export interface LocalRepositoriesOptions {
  /** Absolute: one repository per component, `<directory>/<name>`. */
  directory: string;
  /** Absolute: the platform team's repository. */
  platformDirectory: string;
  /** Seconds a publish waits for the catalog to show what it committed. */
  catalogTimeoutSeconds: number;
}

/**
 * The local repositories of components and the platform team's repository, with the one rule
 * for which paths they may use: a repository is named by a DNS label and lives directly in the
 * configured directory — never `..`, a path, or (resolving symbolic links) anywhere else.
 */
export class LocalRepositories {
  constructor(readonly options: LocalRepositoriesOptions) {
    const { directory, platformDirectory } = options;
    // A component repository must never be (or hold) the platform repository, whose location
    // admits the platform kinds.
    if (
      directory === platformDirectory ||
      isInside(platformDirectory, directory) ||
      isInside(directory, platformDirectory)
    )
      throw new Error(
        `stagecraft.scaffolder.localRepositories: directory (${directory}) and platformDirectory (${platformDirectory}) must not contain one another`,
      );
  }

  static fromConfig(config: RootConfigService): LocalRepositories {
    const local = config.getOptionalConfig(
      'stagecraft.scaffolder.localRepositories',
    );
    return new LocalRepositories({
      directory: resolve(
        local?.getOptionalString('directory') ?? './.stagecraft/repositories',
      ),
      platformDirectory: resolve(
        local?.getOptionalString('platformDirectory') ??
          './.stagecraft/platform',
      ),
      catalogTimeoutSeconds:
        local?.getOptionalNumber('catalogTimeoutSeconds') ?? 60,
    });
  }

  /** The repository named `name`; refuses a name that is not a DNS label. */
  component(name: string): LocalGitRepository {
    if (name.length > 63 || !REPOSITORY_NAME.test(name))
      throw new InputError(
        `"${name}" cannot name a repository: use lower-case letters, digits and '-', at most 63 characters, as for a component name`,
      );
    return new LocalGitRepository(
      resolveSafeChildPath(this.options.directory, name),
    );
  }

  platform(): LocalGitRepository {
    return new LocalGitRepository(this.options.platformDirectory);
  }

  /**
   * The repository a catalog location (`file:<path>`, from an entity's
   * `backstage.io/managed-by-location`) lies in, with the file's path inside it; undefined for
   * any other location, e.g. a GitHub URL or a file elsewhere on the disk.
   */
  repositoryOfLocation(
    location: string,
  ): { name: string; filePath: string } | undefined {
    if (!location.startsWith('file:')) return undefined;
    const inside = relative(
      this.options.directory,
      resolve(location.slice('file:'.length)),
    );
    if (!inside || inside.startsWith('..') || isAbsolute(inside))
      return undefined;
    const [name, ...rest] = inside.split(sep);
    if (rest.length === 0 || !REPOSITORY_NAME.test(name)) return undefined;
    return { name, filePath: rest.join('/') };
  }
}

/** Whether a (possibly glob) path lies inside `directory`. */
export function isInside(path: string, directory: string): boolean {
  const inside = relative(directory, resolve(path));
  return !!inside && !inside.startsWith('..') && !isAbsolute(inside);
}
