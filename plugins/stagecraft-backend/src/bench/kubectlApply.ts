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
 * against: the Namespaces in a first call (kubectl resolves every object's namespace before
 * applying any), then everything else. Resolves with the wall time of both calls together, in
 * milliseconds; the YAML is written before the clock starts.
 */
export async function kubectlApply(o: {
  kubectl: string;
  kubeconfigPath: string;
  set: RenderedSet;
  fieldManager: string;
}): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'stagecraft-bench-'));
  try {
    const files = [join(dir, 'namespaces.yaml'), join(dir, 'objects.yaml')];
    await writeFile(files[0], serializeManifests(o.set.namespaces));
    await writeFile(files[1], serializeManifests(o.set.objects));
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
