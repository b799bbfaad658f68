import { LoggerService } from '@backstage/backend-plugin-api';
import { GitOpsRemote } from '@stagecraft/plugin-stagecraft-node';
import { resolve } from 'node:path';
import { EmptySetError } from '../apply/errors';
import { shortReleaseId } from '../deployment/shortReleaseId';
import { inventoryOf } from '../inventory/inventory';
import { DataPlane, SyncRequest, SyncResult } from './DataPlane';
import { changesOf, storedObjects } from './gitopsChanges';
import {
  DeploymentFiles,
  deploymentFiles,
  writeDeployment,
} from './gitopsLayout';
import { ensureRepository, git, headRevision, withRepositoryLock } from './git';
import { GitRemote } from './GitRemote';
import { recoverWorkingTree } from './gitRecovery';
import { WorkingTreeEdit } from './WorkingTreeEdit';

/** Options of {@link GitOpsDataPlane}. */
export interface GitOpsDataPlaneOptions {
  /** The target's name in app-config. */
  name: string;
  /** The directory Argo CD or Flux syncs from; created and `git init`ed when needed. */
  directory: string;
  /** Where every commit is pushed (docs/gitops.md); without it commits stay local. */
  remote?: GitOpsRemote;
  logger?: Pick<LoggerService, 'info' | 'warn'>;
}

/**
 * A data plane that commits rendered manifests to a git working tree for Argo CD or Flux to
 * sync. Layout: `<environment>/<project>/<component>.yaml` per deployment,
 * `<environment>/<project>/namespace.yaml` for the project's shared objects, and a
 * `kustomization.yaml` in every environment and project directory. Every sync that changes a
 * file makes exactly one commit; with a remote, the sync also pushes what the remote lacks, and
 * the revision is the commit as pushed (rebased when the remote moved).
 */
export class GitOpsDataPlane implements DataPlane {
  readonly type = 'gitops' as const;
  readonly name: string;
  private readonly directory: string;
  private readonly logger?: Pick<LoggerService, 'info' | 'warn'>;
  private readonly remote?: GitRemote;

  constructor(options: GitOpsDataPlaneOptions) {
    this.name = options.name;
    this.directory = resolve(options.directory);
    this.logger = options.logger;
    this.remote =
      options.remote &&
      new GitRemote(options.remote, options.name, options.logger);
  }

  async sync(request: SyncRequest): Promise<SyncResult> {
    // Entity names become paths: check them before touching the file system at all.
    const files = deploymentFiles(request);
    const repository = await withRepositoryLock(this.directory, () =>
      ensureRepository(this.directory),
    );
    // Lock on the repository, not the directory: targets in one repository share its index.
    return withRepositoryLock(repository, async () => {
      // A killed process's lock, half-done rebase or files, or a hand edit: repaired first,
      // nothing discarded, and the deployment's status says what was done.
      const notes = await recoverWorkingTree({
        directory: this.directory,
        targetName: this.name,
      });
      for (const note of notes)
        this.logger?.warn(`gitops target ${this.name}: ${note}`);
      await this.remote?.adopt(this.directory);
      const result: SyncResult = {
        ...(await this.syncFiles(request, files)),
        ...(notes.length > 0 ? { notes } : {}),
      };
      if (!this.remote) return result;
      // Also when this sync committed nothing: a commit an earlier push failed to deliver
      // goes now. A failure leaves the commit in place for the next sync.
      return { ...result, revision: await this.remote.publish(this.directory) };
    });
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

/** `<verb> <component> to <environment>: release <id>`, then trailers naming everything. */
function commitMessage(request: SyncRequest): string {
  const verb = request.undeploy ? 'undeploy' : 'deploy';
  const { componentRef, environment } = request.key;
  const release = shortReleaseId(request.releaseId);
  return [
    `${verb} ${request.component} to ${environment}: release ${release}`,
    '',
    `Component: ${componentRef}`,
    `Environment: ${environment}`,
    `Release: ${request.releaseId}`,
    `Actor: ${request.actor}`,
  ].join('\n');
}
