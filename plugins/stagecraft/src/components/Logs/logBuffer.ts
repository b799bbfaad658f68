import type { LogLine } from '@stagecraft/plugin-stagecraft-common';

/**
 * How many lines the Logs tab keeps: enough to read back through an incident, bounded so a
 * chatty pod cannot exhaust the browser's memory.
 */
export const MAX_BUFFERED_LINES = 5000;

/** A received line and its position in the stream, a stable key for rendering. */
export interface BufferedLine {
  seq: number;
  line: LogLine;
}

/** `lines` followed by `incoming`, keeping only the newest `max`. Never mutates its inputs. */
export function appendBounded<T>(lines: T[], incoming: T[], max: number): T[] {
  if (incoming.length >= max) return incoming.slice(incoming.length - max);
  const overflow = lines.length + incoming.length - max;
  return overflow > 0
    ? [...lines.slice(overflow), ...incoming]
    : [...lines, ...incoming];
}
