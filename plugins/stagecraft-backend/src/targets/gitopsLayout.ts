import { InputError } from '@backstage/errors';
import {
  Manifest,
  serializeManifests,
} from '@stagecraft/plugin-stagecraft-node';
import { posix } from 'node:path';
import { deploymentKeyString } from '../deployment/DeploymentKey';
import { SyncRequest } from './DataPlane';
import { WorkingTreeEdit } from './WorkingTreeEdit';

// Where a GitOps target keeps a deployment: `<environment>/<project>/<component>.yaml`, the
// project's shared objects in `<environment>/<project>/namespace.yaml`, and a
// `kustomization.yaml` in every environment and project directory.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const NAMESPACE_FILE = 'namespace.yaml';
export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/** The files of one deployment, relative to the target directory. */
export interface DeploymentFiles {
  /** `<environment>/<project>/<component>.yaml`: the deployment's own objects. */
  component: string;
  /** `<environment>/<project>/namespace.yaml`: the project's shared objects. */
  shared: string;
  projectDir: string;
  environmentDir: string;
}

/** The deployment's file paths, after checking every name that becomes a path segment. */
export function deploymentFiles(request: SyncRequest): DeploymentFiles {
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

/** Writes the component file, the shared objects and both kustomizations. */
export async function writeDeployment(
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
  await rewriteKustomizations(tree, files.projectDir);
}

/**
 * Rewrites the kustomization of `dir` from the files on disk, and, when `dir` is a project
 * directory (`<environment>/<project>`), its environment's kustomization after it. Also how
 * a rebase resolves a conflict in them: both sides' files are on disk, so the list is the union.
 */
export async function rewriteKustomizations(
  tree: WorkingTreeEdit,
  dir: string,
) {
  const [environmentDir, project] = dir.split('/');
  if (project !== undefined) {
    const manifests = await tree.list(dir, isManifestFile);
    await tree.write(
      posix.join(dir, KUSTOMIZATION_FILE),
      kustomization(manifests),
    );
  }
  const projects = await tree.list(
    environmentDir,
    (name, isDir) =>
      isDir &&
      tree.exists(posix.join(environmentDir, name, KUSTOMIZATION_FILE)),
  );
  await tree.write(
    posix.join(environmentDir, KUSTOMIZATION_FILE),
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
