import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { loadYaml } from '@kubernetes/client-node';
import {
  Manifest,
  serializeManifests,
} from '@stagecraft/plugin-stagecraft-node';
import {
  mkdir,
  readdir,
  readFile,
  rm,
  rmdir,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { Change, ChangeAction, formatRef } from '../apply/ChangeSet';
import { EmptySetError } from '../apply/errors';
import {
  entryId,
  InventoryEntry,
  inventoryOf,
  staleEntries,
} from '../inventory/inventory';
import { deploymentKeyString } from '../deployment/DeploymentKey';
import { DataPlane, SyncRequest, SyncResult } from './DataPlane';
import { ensureRepository, git, headRevision, withRepositoryLock } from './git';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAMESPACE_FILE = 'namespace.yaml';
const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** Options of {@link GitOpsDataPlane}. */
export interface GitOpsDataPlaneOptions {
  /** The target's name in app-config. */
  name: string;
  /** The directory Argo CD or Flux syncs from; created and `git init`ed when needed. */
  directory: string;
  logger?: Pick<LoggerService, 'info' | 'warn'>;
}

/** The files of one deployment, relative to the target directory. */
interface DeploymentFiles {
  /** `<environment>/<project>/<component>.yaml`: the deployment's own objects. */
  component: string;
  /** `<environment>/<project>/namespace.yaml`: the project's shared objects. */
  shared: string;
  projectDir: string;
  environmentDir: string;
}

/** One object of a component file as it is stored: its identity and its YAML document. */
interface StoredObject {
  entry: InventoryEntry;
  text: string;
}

const isNotFound = (error: unknown) =>
  (error as { code?: string }).code === 'ENOENT';

/**
 * The files one sync changes, with what they held before, so a failed sync can be put back.
 * Paths are relative to the target directory, `/`-separated as git pathspecs are.
 */
class WorkingTreeEdit {
  private readonly originals = new Map<string, string | undefined>();

  constructor(private readonly root: string) {}

  /** Every path written or removed so far. */
  get paths(): string[] {
    return [...this.originals.keys()];
  }

  async read(path: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.root, path), 'utf8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.read(path)) !== undefined;
  }

  /** Names of the directory's entries that `include` accepts; none when it does not exist. */
  async list(
    path: string,
    include: (name: string, isDir: boolean) => boolean | Promise<boolean>,
  ): Promise<string[]> {
    const entries = await readdir(join(this.root, path), {
      withFileTypes: true,
    }).catch(error => {
      if (isNotFound(error)) return [];
      throw error;
    });
    const included = await Promise.all(
      entries.map(e => include(e.name, e.isDirectory())),
    );
    return entries.filter((_, i) => included[i]).map(e => e.name);
  }

  /** Writes `content` to `path`, or removes `path` when `content` is undefined. */
  async write(path: string, content: string | undefined) {
    const current = await this.read(path);
    if (!this.originals.has(path)) this.originals.set(path, current);
    if (current !== content) await this.put(path, content);
  }

  async rollback() {
    for (const [path, content] of [...this.originals].reverse()) {
      await this.put(path, content);
    }
  }

  private async put(path: string, content: string | undefined) {
    const file = join(this.root, path);
    if (content !== undefined) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
      return;
    }
    await rm(file, { force: true });
    // Git tracks no directories: drop those the removal emptied, so none linger on disk.
    await removeEmptyDirectories(dirname(file), this.root);
  }
}

/** Removes `dir` and then its parents, up to but excluding `root`, while they are empty. */
async function removeEmptyDirectories(dir: string, root: string) {
  if (!dir.startsWith(`${root}${sep}`)) return;
  try {
    await rmdir(dir);
  } catch {
    return; // not empty (or already gone): nothing above it can be empty either
  }
  await removeEmptyDirectories(dirname(dir), root);
}

/**
 * A data plane that commits rendered manifests to a git working tree for Argo CD or Flux to
 * sync. Layout: `<environment>/<project>/<component>.yaml` per deployment,
 * `<environment>/<project>/namespace.yaml` for the project's shared objects, and a
 * `kustomization.yaml` in every environment and project directory. Every sync that changes a
 * file makes exactly one commit; its SHA is the sync's revision.
 */
export class GitOpsDataPlane implements DataPlane {
  readonly type = 'gitops' as const;
  readonly name: string;
  private readonly directory: string;
  private readonly logger?: Pick<LoggerService, 'info' | 'warn'>;

  constructor(options: GitOpsDataPlaneOptions) {
    this.name = options.name;
    this.directory = resolve(options.directory);
    this.logger = options.logger;
  }

  async sync(request: SyncRequest): Promise<SyncResult> {
    // Entity names become paths: check them before touching the file system at all.
    const files = deploymentFiles(request);
    const repository = await withRepositoryLock(this.directory, () =>
      ensureRepository(this.directory),
    );
    // Lock on the repository, not the directory: targets in one repository share its index.
    return withRepositoryLock(repository, () => this.syncFiles(request, files));
  }

  private async syncFiles(
    request: SyncRequest,
    files: DeploymentFiles,
  ): Promise<SyncResult> {
    const tree = new WorkingTreeEdit(this.directory);

    // Compare with what the repository holds, not with the stored inventory: the files are
    // what Argo CD or Flux applies.
    const before = storedObjects(
      await tree.read(files.component),
      files.component,
    );
    const desired = request.undeploy ? [] : request.manifests;
    const known = Math.max(before.length, request.previous.length);
    if (desired.length === 0 && !request.undeploy && known > 0) {
      throw new EmptySetError(known);
    }
    const changes = changesOf(before, desired);

    // Write the files, then commit them; any failure puts the tree back as it was.
    try {
      await writeDeployment(tree, files, desired, request.shared);
      const revision = await this.commit(tree.paths, commitMessage(request));
      return { changes, inventory: inventoryOf(desired), revision };
    } catch (error) {
      const paths = tree.paths.join(', ');
      await this.restore(tree).catch(restoreError =>
        this.logger?.warn(
          `gitops target ${this.name}: could not restore ${paths}: ${restoreError}`,
        ),
      );
      throw error;
    }
  }

  /** Commits exactly the given paths, if any of them changed; returns HEAD either way. */
  private async commit(paths: string[], message: string) {
    await git(this.directory, [
      'update-index',
      '--add',
      '--remove',
      '--',
      ...paths,
    ]);
    const staged = await git(this.directory, [
      ...['diff', '--cached', '--name-only', '--relative', '-z', '--'],
      ...paths,
    ]);
    const changed = staged.split('\0').filter(Boolean);
    if (changed.length === 0) return headRevision(this.directory);

    // Naming the paths keeps anything else someone staged in the repository out of the commit.
    await git(this.directory, [
      'commit',
      '-q',
      '-m',
      message,
      '--',
      ...changed,
    ]);
    const revision = await headRevision(this.directory);
    const subject = message.split('\n')[0];
    this.logger?.info(
      `gitops target ${this.name}: committed ${revision} (${subject})`,
    );
    return revision;
  }

  /** Puts the touched files and their index entries back to how the sync found them. */
  private async restore(tree: WorkingTreeEdit) {
    // Without paths, `git reset` would reset the whole index.
    if (tree.paths.length === 0) return;
    await tree.rollback();
    await git(this.directory, ['reset', '-q', '--', ...tree.paths]);
  }
}

/** The deployment's file paths, after checking every name that becomes a path segment. */
function deploymentFiles(request: SyncRequest): DeploymentFiles {
  const { project, component } = request;
  const environment = request.key.environment;
  const key = deploymentKeyString(request.key);
  const names = { environment, project, component };
  for (const [field, value] of Object.entries(names)) {
    if (value.length > 63 || !DNS_LABEL.test(value)) {
      throw new InputError(
        `${key}: ${field} "${value}" is not a DNS label, so it cannot name a directory or file`,
      );
    }
  }
  const file = `${component}.yaml`;
  if (file === NAMESPACE_FILE || file === KUSTOMIZATION_FILE) {
    throw new InputError(
      `${key}: component "${component}" would overwrite the ${file} Stagecraft maintains`,
    );
  }
  const projectDir = posix.join(environment, project);
  return {
    component: posix.join(projectDir, file),
    shared: posix.join(projectDir, NAMESPACE_FILE),
    projectDir,
    environmentDir: environment,
  };
}

/**
 * The objects of a component file, one per YAML document. The file is split on the document
 * separators `serializeManifests` writes, so each object's text can be compared byte for byte.
 */
function storedObjects(text: string | undefined, path: string): StoredObject[] {
  if (text === undefined) return [];
  const documents = text.split(/^---\n/m).filter(d => d.trim() !== '');
  return documents.map(document => {
    try {
      return {
        entry: inventoryOf([loadYaml<Manifest>(document)])[0],
        text: document,
      };
    } catch (error) {
      throw new Error(`${path} cannot be read as Kubernetes objects`, {
        cause: error,
      });
    }
  });
}

/** Per object: created, configured or unchanged against the stored text; then the deleted. */
function changesOf(before: StoredObject[], desired: Manifest[]): Change[] {
  const stored = new Map(before.map(o => [entryId(o.entry), o.text]));
  const written = desired.map((manifest): Change => {
    const text = stored.get(entryId(inventoryOf([manifest])[0]));
    let action: ChangeAction = ChangeAction.Configured;
    if (text === undefined) action = ChangeAction.Created;
    else if (text === serializeManifests([manifest]))
      action = ChangeAction.Unchanged;
    return { ref: formatRef(manifest), action };
  });
  const deleted = staleEntries(
    before.map(o => o.entry),
    inventoryOf(desired),
  ).map(
    (entry): Change => ({
      ref: formatRef(entry),
      action: ChangeAction.Deleted,
    }),
  );
  return [...written, ...deleted];
}

/** Writes the component file, the shared objects and both kustomizations. */
async function writeDeployment(
  tree: WorkingTreeEdit,
  files: DeploymentFiles,
  desired: Manifest[],
  shared: Manifest[],
) {
  await tree.write(
    files.component,
    desired.length > 0 ? serializeManifests(desired) : undefined,
  );
  // Never removed here: the project's other deployments need the namespace as much.
  if (shared.length > 0) {
    await tree.write(files.shared, serializeManifests(shared));
  }
  // The kustomizations list what is on disk now, so they also pick up neighbours' files.
  const manifests = await tree.list(files.projectDir, isManifestFile);
  await tree.write(
    posix.join(files.projectDir, KUSTOMIZATION_FILE),
    kustomization(manifests),
  );
  const projects = await tree.list(
    files.environmentDir,
    (name, isDir) =>
      isDir &&
      tree.exists(posix.join(files.environmentDir, name, KUSTOMIZATION_FILE)),
  );
  await tree.write(
    posix.join(files.environmentDir, KUSTOMIZATION_FILE),
    kustomization(projects),
  );
}

function isManifestFile(name: string, isDir: boolean) {
  return !isDir && name.endsWith('.yaml') && name !== KUSTOMIZATION_FILE;
}

/** A kustomization of the given resources, sorted; none when there are none to list. */
function kustomization(resources: string[]): string | undefined {
  if (resources.length === 0) return undefined;
  return [
    '# Maintained by Stagecraft: rewritten on every sync from the files beside it.',
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources:',
    ...[...resources].sort().map(r => `  - ${r}`),
    '',
  ].join('\n');
}

/** `<verb> <component> to <environment>: release <id>`, then trailers naming everything. */
function commitMessage(request: SyncRequest): string {
  const verb = request.undeploy ? 'undeploy' : 'deploy';
  const { componentRef, environment } = request.key;
  const release = request.releaseId.slice(0, 12);
  return [
    `${verb} ${request.component} to ${environment}: release ${release}`,
    '',
    `Component: ${componentRef}`,
    `Environment: ${environment}`,
    `Release: ${request.releaseId}`,
    `Actor: ${request.actor}`,
  ].join('\n');
}
