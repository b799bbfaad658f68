import { stringify } from 'yaml';
import { printable } from './table';

/** The output of stagecraft:diff-environments, as far as the CLI needs it. */
export interface EnvironmentDiff {
  [field: string]: unknown;
  /** The rendered manifests of both, as a unified diff. */
  manifestDiff?: string;
}

/** What differs (release, image, config) as YAML, then the manifests' unified diff. */
export function formatDiff({
  manifestDiff,
  ...fields
}: EnvironmentDiff): string {
  const summary = printable(stringify(fields).trimEnd());
  const manifests = manifestDiff
    ? `\n${printable(manifestDiff).trimEnd()}`
    : '\nmanifests: the same';
  return `${summary}${manifests}\n`;
}
