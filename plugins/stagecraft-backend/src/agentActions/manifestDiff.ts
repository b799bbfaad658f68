import { formatPatch, PatchOptions, structuredPatch } from 'diff';
import { boundedText } from './boundedText';
import { hideEnvValues } from './hideEnvValues';

export const MAX_DIFF_BYTES = 64 * 1024;

/**
 * Beyond this many differing lines the environments' manifests are unrelated, and a line diff
 * would cost time (Myers' algorithm is O(N·D), on the event loop) to say what the field
 * comparison already says: 5000 took 6 s on two 128 KiB manifests differing everywhere, 1000
 * takes a fraction of a second. Environments of one release differ in tens of lines (namespaces,
 * hosts, settings). The timeout is the backstop for very long manifests.
 */
const MAX_EDIT_LENGTH = 1000;
const TIMEOUT_MS = 500;

export interface ManifestDiff {
  /** A unified diff, `a/<from>.yaml` → `b/<to>.yaml`, env values hidden; empty when they are the same. */
  diff: string;
  /** Why the diff is incomplete or missing, when it is. */
  truncated?: string;
}

/**
 * The unified diff of two environments' rendered manifests, env values hidden (hideEnvValues),
 * bounded in time and bytes.
 */
export function manifestDiff(
  from: { environment: string; yaml: string },
  to: { environment: string; yaml: string },
): ManifestDiff {
  const fromYaml = hideEnvValues(from.yaml);
  const toYaml = hideEnvValues(to.yaml);
  if (fromYaml === undefined || toYaml === undefined)
    return {
      diff: '',
      truncated:
        'the manifests did not parse, so their environment values could not be hidden; compare them with get-manifests',
    };
  if (fromYaml === toYaml) return { diff: '' };
  // diff 5.2 honours `timeout` (ms); @types/diff 5.2 does not declare it yet.
  const options: PatchOptions & { timeout: number } = {
    context: 3,
    maxEditLength: MAX_EDIT_LENGTH,
    timeout: TIMEOUT_MS,
  };
  const patch = structuredPatch(
    `a/${from.environment}.yaml`,
    `b/${to.environment}.yaml`,
    fromYaml,
    toYaml,
    undefined,
    undefined,
    options,
  ) as ReturnType<typeof structuredPatch> | undefined;
  if (!patch)
    return {
      diff: '',
      truncated: `the manifests differ too much for a line diff (over ${MAX_EDIT_LENGTH} changed lines); compare them with get-manifests`,
    };
  const bounded = boundedText(formatPatch(patch), MAX_DIFF_BYTES);
  return bounded.truncated
    ? {
        diff: bounded.text,
        truncated: `the diff is cut at ${MAX_DIFF_BYTES} bytes of ${bounded.totalBytes}`,
      }
    : { diff: bounded.text };
}
