import { serializeManifests } from '@stagecraft/plugin-stagecraft-node';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { RenderedSet } from './renderDeployments';

const run = promisify(execFile);

/**
 * `kubectl apply --server-side` of a rendered set, the baseline the control plane is measured
 * against: one call per apply stage, as the applier stages it (kubectl resolves every object's
 * namespace before applying any, so the Namespaces go in a call of their own). Resolves with
 * the wall time of all calls together, in milliseconds; the YAML is written before the clock
 * starts.
 */
export async function kubectlApply(o: {
  kubectl: string;
  kubeconfigPath: string;
  set: RenderedSet;
  fieldManager: string;
}): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'stagecraft-bench-'));
  try {
    const files = o.set.stages.map((_, i) => join(dir, `stage-${i}.yaml`));
    for (const [i, stage] of o.set.stages.entries())
      await writeFile(files[i], serializeManifests(stage));
    const started = performance.now();
    for (const file of files) {
      await run(
        o.kubectl,
        [
          `--kubeconfig=${o.kubeconfigPath}`,
          'apply',
          '--server-side',
          `--field-manager=${o.fieldManager}`,
          '-o',
          'name',
          '-f',
          file,
        ],
        { maxBuffer: 1 << 26 },
      ).catch(error => {
        throw new Error(
          `kubectl apply -f ${file} failed: ${
            (error as { stderr?: string }).stderr?.trim() || error
          }`,
          { cause: error },
        );
      });
    }
    return performance.now() - started;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
