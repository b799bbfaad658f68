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

/** The differences as sentences, then the manifests' unified diff. */
export function formatDiff(
  diff: EnvironmentDiff,
  from: string,
  to: string,
): string {
  const lines =
    diff.differences.length === 0
      ? [`${from} and ${to} run the same`]
      : diff.differences.map(d => `- ${printable(d, { oneLine: true })}`);
  if (diff.manifestDiff) lines.push('', printable(diff.manifestDiff).trimEnd());
  if (diff.manifestDiffTruncated)
    lines.push(`(${printable(diff.manifestDiffTruncated, { oneLine: true })})`);
  return `${lines.join('\n')}\n`;
}
