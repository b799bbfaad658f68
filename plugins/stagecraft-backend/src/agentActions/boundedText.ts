/** A text cut to a byte budget at a line end, and whether it was cut. */
export interface BoundedText {
  text: string;
  truncated: boolean;
  /** The whole text's size in bytes. */
  totalBytes: number;
}

/**
 * `text` as it is when it fits in `maxBytes` (UTF-8), else its first whole lines that fit: a
 * model's context is finite, and half a YAML line misleads more than a missing one.
 */
export function boundedText(text: string, maxBytes: number): BoundedText {
  const totalBytes = Buffer.byteLength(text, 'utf8');
  if (totalBytes <= maxBytes) return { text, truncated: false, totalBytes };
  const head = Buffer.from(text, 'utf8')
    .subarray(0, maxBytes)
    .toString('utf8')
    // A multi-byte character cut in two decodes as U+FFFD; the line cut below drops it.
    .replace(/\uFFFD$/, '');
  const lastLineEnd = head.lastIndexOf('\n');
  return {
    text: lastLineEnd >= 0 ? head.slice(0, lastLineEnd + 1) : '',
    truncated: true,
    totalBytes,
  };
}
