import type { LogLine, LogSource } from '../actions/types';

/** Bounds of what one get-logs call reads and answers. */
export interface LogTailBounds {
  /** Newest lines answered, over all containers. */
  lines: number;
  /** Bytes of line text answered, over all lines. */
  outputBytes: number;
  /**
   * Bytes read from one container's log before the read is cut off. Memory is bounded by the
   * lines kept (each cut to `lineChars`); this bounds the time a log of huge lines takes.
   */
  readBytesPerSource: number;
  /** Longer lines are cut to this many characters. */
  lineChars: number;
}

export const LOG_TAIL_BOUNDS: LogTailBounds = {
  lines: 100,
  outputBytes: 64 * 1024,
  readBytesPerSource: 16 * 1024 * 1024,
  lineChars: 4096,
};

export interface LogTail {
  lines: LogLine[];
  /** Why lines were left out, when some were; undefined when the answer is complete. */
  truncated?: string;
  errors: { pod: string; container: string; message: string }[];
}

const bytesOf = (line: LogLine) => Buffer.byteLength(line.text, 'utf8');

/**
 * The last lines of one container's log: reads it to its end (the sources do not follow), keeping
 * the newest `bounds.lines`, each cut to `lineChars`; closes the connection once
 * `readBytesPerSource` were read.
 */
async function tailOf(source: LogSource, bounds: LogTailBounds) {
  const abort = new AbortController();
  const kept: LogLine[] = [];
  let read = 0;
  let cut = false;
  let longLines = false;
  let error: string | undefined;
  try {
    for await (const line of source.lines(abort.signal)) {
      read += bytesOf(line);
      const long = line.text.length > bounds.lineChars;
      longLines ||= long;
      kept.push(
        long
          ? { ...line, text: `${line.text.slice(0, bounds.lineChars)}…` }
          : line,
      );
      if (kept.length > bounds.lines) kept.shift();
      if (read > bounds.readBytesPerSource) {
        cut = true;
        break;
      }
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  } finally {
    abort.abort();
  }
  return { lines: kept, cut, longLines, error };
}

/**
 * The newest lines of every source, in time order (by the kubelet's timestamps when present),
 * bounded in lines and bytes; says what was left out and which logs could not be read.
 */
export async function readLogTail(
  sources: LogSource[],
  bounds: LogTailBounds,
): Promise<LogTail> {
  const tails = await Promise.all(sources.map(s => tailOf(s, bounds)));
  const all = tails.flatMap(t => t.lines);
  // A stable sort keeps each container's own order among equal or missing timestamps.
  all.sort((a, b) => (a.timestamp ?? '').localeCompare(b.timestamp ?? ''));
  const newest = all.slice(-bounds.lines);
  const answered: LogLine[] = [];
  let bytes = 0;
  for (let i = newest.length - 1; i >= 0; i--) {
    bytes += bytesOf(newest[i]);
    if (bytes > bounds.outputBytes) break;
    answered.unshift(newest[i]);
  }
  const reasons = [
    all.length > newest.length &&
      `only the newest ${bounds.lines} of the containers' lines are shown`,
    answered.length < newest.length &&
      `only the newest ${answered.length} lines fit in ${bounds.outputBytes} bytes`,
    tails.some(t => t.cut) &&
      `a log was cut after ${bounds.readBytesPerSource} bytes; its newest lines are missing`,
    tails.some(t => t.longLines) &&
      `lines longer than ${bounds.lineChars} characters end in …`,
  ].filter((r): r is string => typeof r === 'string');
  return {
    lines: answered,
    truncated: reasons.length ? reasons.join('; ') : undefined,
    errors: sources.flatMap((s, i) => {
      const message = tails[i].error;
      return message ? [{ pod: s.pod, container: s.container, message }] : [];
    }),
  };
}
