import { formatPatch, structuredPatch } from 'diff';
import { boundedText } from './boundedText';

export const MAX_DIFF_BYTES = 64 * 1024;

/**
 * Beyond this many differing lines the environments' manifests are unrelated, and a line diff
 * would cost time (Myers' algorithm is O(N·D)) to say what the field comparison already says.
 */
const MAX_EDIT_LENGTH = 5000;

export interface ManifestDiff {
  /** A unified diff, `a/<from>.yaml` → `b/<to>.yaml`; empty when they are the same. */
  diff: string;
  /** Why the diff is incomplete or missing, when it is. */
  truncated?: string;
}

/** The unified diff of two environments' rendered manifests, bounded in time and bytes. */
export function manifestDiff(
  from: { environment: string; yaml: string },
  to: { environment: string; yaml: string },
): ManifestDiff {
  if (from.yaml === to.yaml) return { diff: '' };
  const patch = structuredPatch(
    `a/${from.environment}.yaml`,
    `b/${to.environment}.yaml`,
    from.yaml,
    to.yaml,
    undefined,
    undefined,
    { context: 3, maxEditLength: MAX_EDIT_LENGTH },
  ) as ReturnType<typeof structuredPatch> | undefined;
  if (!patch)
    return {
      diff: '',
      truncated: `the manifests differ in more than ${MAX_EDIT_LENGTH} lines; compare them with get-manifests`,
    };
  const bounded = boundedText(formatPatch(patch), MAX_DIFF_BYTES);
  return bounded.truncated
    ? {
        diff: bounded.text,
        truncated: `the diff is cut at ${MAX_DIFF_BYTES} bytes of ${bounded.totalBytes}`,
      }
    : { diff: bounded.text };
}
