import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Paths of the control-plane binaries built by `tools/k8s/build.sh`. */
export interface ControlPlaneBinaries {
  dir: string;
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kwok: string;
  /** kubectl, when built: a cache directory from before build.sh built it has none. */
  kubectl?: string;
}

/**
 * Thrown when the binaries are not built and could not be built (no Go, say). Callers that
 * may skip (tests outside CI) check for it with `instanceof`.
 */
export class BinariesUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BinariesUnavailableError';
  }
}

/**
 * The repository root: the nearest ancestor of `from` (default: the working directory, which
 * is the repository root for every yarn script and test run) holding tools/k8s/build.sh.
 */
export function findRepoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'tools', 'k8s', 'build.sh'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`tools/k8s/build.sh not found above ${from}`);
    }
    dir = parent;
  }
  return dir;
}

/**
 * Locates the binaries, building them first when `build` is set (a cold build takes about
 * 15 minutes on 2 cores; later calls reuse the per-version cache outside the repository).
 */
export async function locateBinaries(options: {
  build: boolean;
}): Promise<ControlPlaneBinaries> {
  const script = join(findRepoRoot(), 'tools', 'k8s', 'build.sh');
  let dir: string;
  try {
    const { stdout } = await run(script, options.build ? [] : ['--print-dir'], {
      maxBuffer: 1 << 24,
      env: process.env,
    });
    dir = stdout.trim().split('\n').pop()!;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new BinariesUnavailableError(
      `tools/k8s/build.sh failed: ${stderr || (error as Error).message}`,
      { cause: error },
    );
  }
  const binaries: ControlPlaneBinaries = {
    dir,
    etcd: join(dir, 'etcd'),
    kubeApiserver: join(dir, 'kube-apiserver'),
    kubeControllerManager: join(dir, 'kube-controller-manager'),
    kubeScheduler: join(dir, 'kube-scheduler'),
    kwok: join(dir, 'kwok'),
  };
  for (const path of Object.values(binaries).slice(1)) {
    await access(path, constants.X_OK).catch(() => {
      throw new BinariesUnavailableError(
        `${path} is missing; run tools/k8s/build.sh (needs Go 1.26+)`,
      );
    });
  }
  // Optional: the control plane runs without it; benchmarks and people use it.
  const kubectl = join(dir, 'kubectl');
  const hasKubectl = await access(kubectl, constants.X_OK).then(
    () => true,
    () => false,
  );
  return hasKubectl ? { ...binaries, kubectl } : binaries;
}
