import { Manifest } from '@stagecraft/plugin-stagecraft-node';
import { locateBinaries, testCluster } from '@stagecraft/test-cluster';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

const run = promisify(execFile);

/** The test cluster's kubectl (built with the control plane), pointed at the test cluster. */
export async function kubectl(
  args: string[],
): Promise<{ stdout: string; exitCode: number; stderr: string }> {
  const { kubectl: binary } = await locateBinaries({ build: false });
  if (!binary) throw new Error('kubectl is not built: run tools/k8s/build.sh');
  try {
    const { stdout, stderr } = await run(
      binary,
      ['--kubeconfig', testCluster().kubeconfigPath, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return { stdout, stderr, exitCode: 0 };
  } catch (error) {
    const e = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof e.code !== 'number') throw error;
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', exitCode: e.code };
  }
}

/** Like {@link kubectl}, failing with kubectl's stderr unless it exits 0. */
export async function kubectlOk(args: string[]): Promise<string> {
  const result = await kubectl(args);
  if (result.exitCode !== 0)
    throw new Error(
      `kubectl ${args.join(' ')} exited ${result.exitCode}: ${result.stderr}`,
    );
  return result.stdout;
}

/** The objects of a multi-document YAML stream. */
export const yamlObjects = (text: string): Manifest[] =>
  parseAllDocuments(text)
    .map(d => d.toJS() as Manifest)
    .filter(Boolean);

/** The objects `kubectl … -o json` printed: one object, or a List of them. */
export function jsonObjects(text: string): Manifest[] {
  const parsed = JSON.parse(text) as Manifest & { items?: Manifest[] };
  return parsed.kind === 'List' ? parsed.items ?? [] : [parsed];
}
