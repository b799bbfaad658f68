import type { LogSource } from '../actions/types';
import type { ContainerLog } from './types';

/** Lines kept per container, and bytes read before the read is cut off. */
const LINES = 20;
const READ_BYTES = 256 * 1024;
const LINE_CHARS = 500;

/**
 * The last lines of each container's log, read to the end (the sources do not follow) and cut
 * off after {@link READ_BYTES}; a log that cannot be read says why instead.
 */
export async function readLastLines(
  sources: LogSource[],
): Promise<ContainerLog[]> {
  return Promise.all(
    sources.map(async source => {
      const abort = new AbortController();
      const lines: ContainerLog['lines'] = [];
      let read = 0;
      try {
        for await (const line of source.lines(abort.signal)) {
          read += line.text.length;
          lines.push({ ...line, text: line.text.slice(0, LINE_CHARS) });
          if (lines.length > LINES) lines.shift();
          if (read > READ_BYTES) break;
        }
        return { pod: source.pod, container: source.container, lines };
      } catch (e) {
        return {
          pod: source.pod,
          container: source.container,
          lines,
          error: e instanceof Error ? e.message : String(e),
        };
      } finally {
        abort.abort();
      }
    }),
  );
}
