import { printable } from './table';

/** The output of stagecraft:diff-environments, as far as the CLI prints it. */
export interface EnvironmentDiff {
  /** Every difference (release, images, replicas, env, resources), one sentence each. */
  differences: string[];
  /** The rendered manifests of both, as a unified diff; empty when identical. */
  manifestDiff: string;
  /** Why the manifest diff is cut or missing, when it is. */
  manifestDiffTruncated?: string;
}

/**
 * The differences as sentences; then the manifests' unified diff when asked for (it names
 * every namespace and label, so it is long), else how long it is.
 */
export function formatDiff(
  diff: EnvironmentDiff,
  o: { from: string; to: string; manifests?: boolean },
): string {
  const lines =
    diff.differences.length === 0
      ? [
          `${o.from} and ${o.to} run the same release, images, replicas and settings`,
        ]
      : diff.differences.map(d => `- ${printable(d, { oneLine: true })}`);
  const manifestLines = diff.manifestDiff
    ? diff.manifestDiff.trimEnd().split('\n').length
    : 0;
  if (o.manifests && diff.manifestDiff)
    lines.push('', printable(diff.manifestDiff).trimEnd());
  else
    lines.push(
      manifestLines === 0
        ? 'the rendered manifests are the same'
        : `the rendered manifests differ in a ${manifestLines}-line diff: --manifests prints it`,
    );
  if (diff.manifestDiffTruncated)
    lines.push(`(${printable(diff.manifestDiffTruncated, { oneLine: true })})`);
  return `${lines.join('\n')}\n`;
}
